/**
 * The web chat's JSON API under `/api/chat`: strings for the page, the municipality list, a turn
 * (question or command) and feedback. Input is validated here and rejected with a 400 whose message
 * is in the user's language, so the page can show it as it is.
 */
import express, { Router, type Request, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { channelStateStore } from '../../src/channels/rate-limit.ts';
import { z } from 'zod';
import { t } from '../../src/kernel/i18n/index.ts';
import { web as webStrings } from '../../src/kernel/i18n/web.ts';
import { localeLanguage } from '../../src/kernel/language.ts';
import type { Language, Turn } from '../../src/kernel/types.ts';
import type { ChannelContext } from '../../src/channels/channel.ts';
import { parseCommand } from '../../src/dialogue/command-schema.ts';

/** The longest question the chat accepts, in characters. */
export const MAX_MESSAGE_LENGTH = 1000;

/** Ids the page generates (UUIDs): anything else is refused rather than stored. */
const clientId = z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'must be 8-64 letters, digits or dashes');
const language = z.enum(['fi', 'sv', 'en']);

const turnBody = z.object({
  conversationId: clientId,
  userId: clientId,
  text: z.string().optional(),
  command: z.unknown().optional(),
  language: language.optional(),
});

/**
 * Answer ids are the core's UUIDs; a control character (NUL) can never be part of one, and the
 * database refuses NUL in text, so it is refused here with a 400 rather than failing there with a 500.
 */
// eslint-disable-next-line no-control-regex
const NO_CONTROL_CHARS = /^[^\u0000-\u001f\u007f]+$/;

const feedbackBody = z.object({
  answerId: z.string().min(1).max(100).regex(NO_CONTROL_CHARS, 'must not contain control characters'),
  userId: clientId,
  vote: z.enum(['up', 'down']),
  language: language.optional(),
});

/** The language to speak to this request in: explicit choice, then the browser's preference. */
export function requestLanguage(req: Request, explicit?: unknown): Language {
  const chosen = typeof explicit === 'string' ? localeLanguage(explicit) : undefined;
  if (chosen) return chosen;
  const query = typeof req.query.lang === 'string' ? localeLanguage(req.query.lang) : undefined;
  if (query) return query;
  for (const part of (req.headers['accept-language'] ?? '').split(',')) {
    const l = localeLanguage(part.trim());
    if (l) return l;
  }
  return 'fi';
}

/** Every `web.*` string in one language, with the length limit filled in. */
export function webStringsFor(lang: Language): Record<string, string> {
  return Object.fromEntries(
    Object.keys(webStrings.fi).map((k) => [k, t(lang, k, { max: MAX_MESSAGE_LENGTH })]),
  );
}

function fail(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ error: message, code });
}

export function chatApi(ctx: ChannelContext): Router {
  const { assistant, config, logger } = ctx;
  const log = logger.child({ channel: 'web' });
  const router = Router();

  // Per client address (behind a proxy: set KUMPPANI_TRUST_PROXY so this is the real address),
  // counted in the database so that replicas share one limit.
  const limiter = rateLimit({
    windowMs: 60_000,
    store: channelStateStore(ctx.state, 'web:rate'),
    // The database being unreachable must not refuse every question; the answer will say what failed.
    passOnStoreError: true,
    limit: config.web.rateLimitPerMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    logger: {
      error: (err, msg) => log.error({ err }, msg ?? 'rate limiter'),
      warn: (err, msg) => log.warn({ err }, msg ?? 'rate limiter'),
    },
    handler: (req, res) =>
      fail(res, 429, 'rate-limited', t(requestLanguage(req, req.body?.language), 'web.error.rateLimited')),
  });

  router.use(express.json({ limit: '16kb' }));

  router.get('/strings', (req, res) => {
    const lang = requestLanguage(req);
    // Public, static text: the embed script on a municipality's own site may fetch it.
    res.set('Access-Control-Allow-Origin', '*').set('Cache-Control', 'public, max-age=300');
    res.json({ language: lang, maxLength: MAX_MESSAGE_LENGTH, strings: webStringsFor(lang) });
  });

  router.get('/municipalities', async (_req, res) => {
    // The web chat is public: staff-only documents are neither counted nor named.
    const municipalities = await assistant.municipalities('public');
    res.set('Cache-Control', 'public, max-age=60').json({ municipalities });
  });

  router.post('/turn', limiter, async (req, res) => {
    const lang = requestLanguage(req, req.body?.language);
    const parsed = turnBody.safeParse(req.body ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return fail(
        res,
        400,
        'invalid',
        t(lang, 'web.error.invalid', {
          detail: `${issue?.path.join('.') || 'body'}: ${issue?.message ?? ''}`,
        }),
      );
    }
    const body = parsed.data;
    const text = (body.text ?? '').trim();
    const turn: Turn = {
      channel: 'web',
      conversationId: body.conversationId,
      userId: body.userId,
      text,
      locale: body.language,
      audience: 'public',
    };
    if (body.command !== undefined) {
      const command = parseCommand(body.command);
      if (!command) return fail(res, 400, 'invalid', t(lang, 'web.error.invalid', { detail: 'command' }));
      turn.command = command;
    } else if (text === '') {
      return fail(res, 400, 'empty', t(lang, 'web.error.empty'));
    }
    if (text.length > MAX_MESSAGE_LENGTH) {
      return fail(
        res,
        400,
        'too-long',
        t(lang, 'web.error.tooLong', { max: MAX_MESSAGE_LENGTH, length: text.length }),
      );
    }
    try {
      const reply = await assistant.handle(turn);
      // The whole Reply: the page renders its `blocks` (chat.js), `text` is their plain form.
      res.set('Cache-Control', 'no-store').json({ reply });
    } catch (err) {
      log.error({ err }, 'the assistant failed to answer a web chat turn');
      fail(res, 500, 'server', t(lang, 'web.error.server'));
    }
  });

  router.post('/feedback', limiter, async (req, res) => {
    const lang = requestLanguage(req, req.body?.language);
    const parsed = feedbackBody.safeParse(req.body ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return fail(
        res,
        400,
        'invalid',
        t(lang, 'web.error.invalid', {
          detail: `${issue?.path.join('.') || 'body'}: ${issue?.message ?? ''}`,
        }),
      );
    }
    const { answerId, userId, vote } = parsed.data;
    try {
      await assistant.feedback({ answerId, channel: 'web', userId, vote });
      res.status(204).end();
    } catch (err) {
      log.error({ err }, 'storing web chat feedback failed');
      fail(res, 500, 'server', t(lang, 'web.error.server'));
    }
  });

  return router;
}
