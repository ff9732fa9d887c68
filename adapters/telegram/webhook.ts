/**
 * Webhook mode: the route Telegram posts updates to. Telegram sends the secret given to
 * setWebhook in the `X-Telegram-Bot-Api-Secret-Token` header; a request without it, or with a
 * wrong one, is refused with 401 before its body is even read, so nobody else can make the bot act.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import express from 'express';
import type { NextFunction, Request, Response, Router } from 'express';
import { webhookCallback } from 'grammy';
import type { Bot } from 'grammy';
import type { Logger } from '../../src/kernel/log.ts';

export const SECRET_HEADER = 'X-Telegram-Bot-Api-Secret-Token';

/**
 * How long Telegram's request waits for the answer. A slower answer (a large language model) goes
 * on in the background after a 200, so Telegram does not time out and deliver the update again.
 */
const RESPOND_WITHIN_MS = 8_000;

/** Constant-time comparison; hashing first hides the secret's length too. */
export function secretMatches(given: string | undefined, secret: string): boolean {
  if (given === undefined) return false;
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(secret));
}

function isUpdate(body: unknown): boolean {
  return (
    typeof body === 'object' && body !== null && Number.isInteger((body as { update_id?: unknown }).update_id)
  );
}

export function createWebhookRouter(bot: Bot, secret: string, logger: Logger): Router {
  const router = express.Router();
  const handle = webhookCallback(bot, 'express', {
    secretToken: secret,
    onTimeout: 'return',
    timeoutMilliseconds: RESPOND_WITHIN_MS,
  });

  router.post(
    '/',
    (req: Request, res: Response, next: NextFunction) => {
      if (!secretMatches(req.get(SECRET_HEADER), secret)) {
        logger.warn({ ip: req.ip }, 'telegram: webhook request with a missing or wrong secret token refused');
        res.status(401).json({ error: 'missing or wrong secret token' });
        return;
      }
      next();
    },
    express.json({ limit: '1mb' }),
    (req: Request, res: Response, next: NextFunction) => {
      if (!isUpdate(req.body)) {
        res.status(400).json({ error: 'the body is not a Telegram update (no numeric update_id)' });
        return;
      }
      next();
    },
    async (req: Request, res: Response) => {
      await handle(req, res);
    },
  );

  router.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = (err as { status?: unknown }).status;
    const clientError = typeof status === 'number' && status >= 400 && status < 500;
    logger.warn(
      { status: clientError ? status : 500, message: err instanceof Error ? err.message : String(err) },
      'telegram: webhook request failed',
    );
    // A 5xx makes Telegram deliver the update again; de-duplication keeps that from answering twice.
    if (!res.headersSent)
      res.status(clientError ? (status as number) : 500).json({ error: 'update not processed' });
  });

  return router;
}
