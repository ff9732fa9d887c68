/**
 * The grammY bot: Telegram updates in, `Turn`s to the core, `Reply`s back as HTML messages with
 * inline keyboards. Transport (long polling or webhook) is decided elsewhere (`index.ts`); this
 * module is the same in both.
 *
 * Middleware order, outermost first: in-flight tracking and an error boundary (nothing a user does
 * can crash the bot), update de-duplication (Telegram may deliver an update again), per-chat
 * ordering (answers in a chat come in the order asked, while chats run concurrently), then the
 * handlers, which check the per-chat rate limit before calling the core.
 */
import { autoRetry } from '@grammyjs/auto-retry';
import { sequentialize } from '@grammyjs/runner';
import { Bot, GrammyError, HttpError } from 'grammy';
import type { Context, Transformer } from 'grammy';
import type { InlineKeyboardButton, UserFromGetMe } from 'grammy/types';
import { commandWith, helpText, VOCABULARY } from '../../src/dialogue/vocabulary.ts';
import { CLAIM_TTL_MS, DeliveryClaims } from '../../src/channels/claims.ts';
import { InFlight } from '../../src/channels/in-flight.ts';
import { RateLimiter } from '../../src/channels/rate-limit.ts';
import { withTimeout } from '../../src/channels/timeout.ts';
import type { ChannelState } from '../../src/kernel/channel-state.ts';
import { noticeBlocks } from '../../src/kernel/blocks.ts';
import { localeLanguage } from '../../src/kernel/language.ts';
import type { Assistant, Command, Language, Reply, Turn } from '../../src/kernel/types.ts';
import { LANGUAGES } from '../../src/kernel/types.ts';
import type { Logger } from '../../src/kernel/log.ts';
import { isAddressedToBot, stripMention } from './addressing.ts';
import type { ButtonAction } from './callback-data.ts';
import { CallbackCodec } from './callback-data.ts';
import { COMMAND_NAMES } from './commands.ts';
import { renderPlainHtml, renderReplyHtml } from './html.ts';
import { answerRows, isFeedbackRow, languageRows, municipalityRows, toMarkup } from './keyboards.ts';
import { t } from './strings.ts';
import { keepTyping, TYPING_INTERVAL_MS } from './typing.ts';

/** The update types the bot handles; everything else is not even fetched. */
export const ALLOWED_UPDATES = ['message', 'callback_query'] as const;

export interface TelegramBotOptions {
  token: string;
  /** Bot API root; the real Telegram when unset. */
  apiRoot?: string;
  assistant: Assistant;
  logger: Logger;
  /** Update claims, button tokens, chat languages and rate-limit windows, in the database. */
  state: ChannelState;
  /** Messages (questions, commands, button presses) one chat may send per minute. */
  rateLimitPerMinute: number;
  /** How long to wait for the core before telling the user something went wrong. */
  answerTimeoutMs: number;
  /** How often to repeat the "typing…" action; tests shorten it. */
  typingIntervalMs?: number;
  /** Known bot identity (skips getMe); tests and webhook set-ups may pass it. */
  botInfo?: UserFromGetMe;
}

export interface TelegramBot {
  bot: Bot;
  /** Resolves when every update being handled now is done, or after `capMs`. */
  idle(capMs: number): Promise<void>;
}

type Row = InlineKeyboardButton[];

/** Error details that are safe to log: never the request payload, which holds the user's text. */
export function describeError(err: unknown): Record<string, unknown> {
  if (err instanceof GrammyError) {
    return { name: err.name, method: err.method, code: err.error_code, description: err.description };
  }
  if (err instanceof HttpError) return { name: err.name, message: err.message };
  if (err instanceof Error) return { name: err.name, message: err.message };
  return { message: String(err) };
}

/** Logs every failed Bot API call (each retry too), with the method and Telegram's own code. */
function logFailures(logger: Logger): Transformer {
  return async (prev, method, payload, signal) => {
    try {
      const res = await prev(method, payload, signal);
      if (!res.ok) {
        logger.warn(
          {
            method,
            code: res.error_code,
            description: res.description,
            retryAfter: res.parameters?.retry_after,
          },
          'telegram: Bot API call failed',
        );
      }
      return res;
    } catch (err) {
      if (!signal?.aborted) logger.warn({ method, ...describeError(err) }, 'telegram: Bot API call failed');
      throw err;
    }
  };
}

function isGroupChat(ctx: Context): boolean {
  return ctx.chat?.type === 'group' || ctx.chat?.type === 'supergroup';
}

/** Deep-link payloads allow only A-Z, a-z, 0-9, _ and -: "pieksamaki" must still find Pieksämäki. */
function normalizeName(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[_-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function createTelegramBot(opts: TelegramBotOptions): TelegramBot {
  const { assistant, logger } = opts;
  const typingIntervalMs = opts.typingIntervalMs ?? TYPING_INTERVAL_MS;
  const bot = new Bot(opts.token, {
    botInfo: opts.botInfo,
    // Above the 30 s long-polling wait, far below grammY's default of 500 s.
    client: { apiRoot: opts.apiRoot, timeoutSeconds: 60 },
  });
  // Installed first so it sits inside auto-retry and sees every attempt.
  bot.api.config.use(logFailures(logger));
  bot.api.config.use(
    autoRetry({
      // Wait as long as Telegram asks (flood limits in groups can be tens of seconds), but not
      // forever; network errors surface at once so every call has a clear end.
      maxRetryAttempts: 5,
      maxDelaySeconds: 120,
      rethrowHttpErrors: true,
    }),
  );

  const { state } = opts;
  // Update ids are per bot: the token's numeric prefix keeps two bots on one database apart.
  const botId = opts.token.split(':')[0] ?? '';
  const updates = new DeliveryClaims(state, 'telegram:update', CLAIM_TTL_MS.telegram, logger);
  const limiter = new RateLimiter(state, 'telegram:rate', opts.rateLimitPerMinute, logger);
  const codec = new CallbackCodec(state, logger);
  const inflight = new InFlight(logger, 'telegram');

  /** The language of the last reply in each chat, for the adapter's own notices (kept 30 days). */
  const LANGUAGE_SCOPE = 'telegram:lang';
  const LANGUAGE_TTL_MS = 30 * 24 * 3600_000;
  const rememberLanguage = async (ctx: Context, language: Language): Promise<void> => {
    if (!ctx.chat) return;
    await state
      .put(LANGUAGE_SCOPE, String(ctx.chat.id), language, LANGUAGE_TTL_MS)
      .catch((err: unknown) =>
        logger.debug(describeError(err), 'telegram: could not remember the chat language'),
      );
  };
  const uiLanguage = async (ctx: Context): Promise<Language> => {
    const stored = ctx.chat
      ? await state.get(LANGUAGE_SCOPE, String(ctx.chat.id)).catch(() => undefined)
      : undefined;
    return (LANGUAGES as readonly string[]).includes(stored ?? '')
      ? (stored as Language)
      : (localeLanguage(ctx.from?.language_code) ?? 'fi');
  };

  const turnFor = (ctx: Context, text: string, command?: Command): Turn => {
    const chat = ctx.chat!;
    const msg = ctx.msg;
    return {
      channel: 'telegram',
      conversationId: String(chat.id),
      userId: String(ctx.from?.id ?? chat.id),
      text,
      ...(msg?.is_topic_message && msg.message_thread_id !== undefined
        ? { threadId: String(msg.message_thread_id) }
        : {}),
      ...(ctx.from?.language_code ? { locale: ctx.from.language_code } : {}),
      audience: 'public',
      isGroup: isGroupChat(ctx),
      ...(command ? { command } : {}),
    };
  };

  const ask = (turn: Turn): Promise<Reply> =>
    withTimeout(assistant.handle(turn), opts.answerTimeoutMs, 'The assistant');

  /** Sends HTML parts in order; the first replies to `replyTo`, the last carries the keyboard. */
  const sendParts = async (ctx: Context, parts: string[], rows: Row[], replyTo?: number): Promise<void> => {
    // The keyboard's stored actions must be findable before anyone can press a button.
    await codec.flush();
    for (let i = 0; i < parts.length; i++) {
      const last = i === parts.length - 1;
      await ctx.reply(parts[i]!, {
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
        ...(i === 0 && replyTo !== undefined
          ? { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } }
          : {}),
        ...(last && rows.length ? { reply_markup: toMarkup(rows) } : {}),
      });
    }
  };

  const sendReply = async (ctx: Context, reply: Reply, replyTo?: number, rows?: Row[]): Promise<void> => {
    await rememberLanguage(ctx, reply.language);
    await sendParts(ctx, renderReplyHtml(reply), rows ?? answerRows(reply, reply.language, codec), replyTo);
  };

  const sendNotice = async (
    ctx: Context,
    key: string,
    params: Record<string, string | number> = {},
    replyTo?: number,
  ) => sendParts(ctx, renderPlainHtml(t(await uiLanguage(ctx), key, params)), [], replyTo);

  /** False when the chat is over its limit; the first refusal of the window says so politely. */
  const withinRateLimit = async (ctx: Context, replyTo?: number): Promise<boolean> => {
    const decision = await limiter.check(String(ctx.chat?.id ?? ctx.from?.id));
    if (decision.allowed) return true;
    logger.info(
      { chatType: ctx.chat?.type, updateId: ctx.update.update_id },
      'telegram: chat over its rate limit',
    );
    if (decision.notify)
      await sendNotice(ctx, 'telegram.rateLimited', { seconds: decision.retryAfterSeconds }, replyTo);
    return false;
  };

  /** The municipality keyboard from the core's choices, or built here from the index's list. */
  const municipalityKeyboard = async (reply: Reply, page: number): Promise<Row[]> => {
    if (reply.choices?.length) return answerRows({ ...reply, kind: 'command' }, reply.language, codec);
    return municipalityRows(await assistant.municipalities('public'), page, reply.language, codec);
  };

  /**
   * A reply to a command. When the core treated the command as a question (its `kind` is
   * `answer`), the adapter's own texts stand in, so onboarding works with any core.
   */
  const commandReply = async (command: Command, reply: Reply): Promise<{ reply: Reply; rows?: Row[] }> => {
    const coreUnderstood = reply.kind !== 'answer';
    const own = (text: string): Reply => ({
      ...reply,
      kind: 'command',
      answered: false,
      blocks: noticeBlocks(text),
      text,
      citations: [],
      suggestions: undefined,
    });
    if (command.kind === 'start' || command.kind === 'choose-municipality') {
      const page = command.kind === 'choose-municipality' ? (command.page ?? 0) : 0;
      const rows = await municipalityKeyboard(reply, page);
      if (coreUnderstood) return { reply, rows };
      const key =
        command.kind === 'start'
          ? 'telegram.welcome'
          : rows.length
            ? 'telegram.chooseMunicipality'
            : 'telegram.noMunicipalities';
      return { reply: own(t(reply.language, key)), rows };
    }
    if (command.kind === 'help' && !coreUnderstood) {
      return { reply: own(helpText(reply.language, 'telegram')) };
    }
    return { reply };
  };

  /** The core's reply to a command, or `undefined` after telling the user it failed. */
  const askCommand = async (ctx: Context, command: Command, replyTo?: number): Promise<Reply | undefined> => {
    try {
      return await ask(turnFor(ctx, '', command));
    } catch (err) {
      logger.error(
        { kind: command.kind, ...describeError(err) },
        'telegram: the assistant failed on a command',
      );
      await sendNotice(ctx, 'telegram.error', {}, replyTo);
      return undefined;
    }
  };

  const runCommand = async (ctx: Context, command: Command, replyTo?: number): Promise<void> => {
    if (!(await withinRateLimit(ctx, replyTo))) return;
    const reply = await askCommand(ctx, command, replyTo);
    if (!reply) return;
    const out = await commandReply(command, reply);
    await sendReply(ctx, out.reply, replyTo, out.rows);
  };

  const answerQuestion = async (ctx: Context, text: string, replyTo?: number): Promise<void> => {
    const stopTyping = keepTyping(ctx, logger, typingIntervalMs);
    let reply: Reply;
    try {
      reply = await ask(turnFor(ctx, text));
    } catch (err) {
      logger.error(describeError(err), 'telegram: the assistant failed on a question');
      stopTyping();
      await sendNotice(ctx, 'telegram.error', {}, replyTo);
      return;
    } finally {
      stopTyping();
    }
    await sendReply(ctx, reply, replyTo);
  };

  /** The municipality a /start deep-link payload names, among those with documents. */
  const findMunicipality = async (arg: string): Promise<string | undefined> => {
    const wanted = normalizeName(arg);
    if (!wanted) return undefined;
    const names = (await assistant.municipalities('public')).map((m) => m.name);
    const exact = names.find((n) => normalizeName(n) === wanted);
    if (exact) return exact;
    const prefixed = names.filter((n) => normalizeName(n).startsWith(wanted));
    return prefixed.length === 1 ? prefixed[0] : undefined;
  };

  /** Removes the 👍/👎 row (after a vote) or the whole keyboard (after a choice) from a message. */
  const trimKeyboard = async (ctx: Context, keep: (row: Row) => boolean): Promise<void> => {
    const markup =
      ctx.callbackQuery?.message && 'reply_markup' in ctx.callbackQuery.message
        ? ctx.callbackQuery.message.reply_markup
        : undefined;
    const rows = (markup?.inline_keyboard ?? []).filter(keep);
    try {
      await ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: rows } });
    } catch (err) {
      logger.debug(describeError(err), 'telegram: could not update the keyboard');
    }
  };

  const onButton = async (ctx: Context, action: ButtonAction): Promise<void> => {
    const lang = await uiLanguage(ctx);
    if (action.type === 'feedback') {
      try {
        await assistant.feedback({
          answerId: action.answerId,
          channel: 'telegram',
          userId: String(ctx.from?.id),
          vote: action.vote,
        });
      } catch (err) {
        logger.error(describeError(err), 'telegram: storing feedback failed');
        await ctx.answerCallbackQuery({ text: t(lang, 'telegram.feedbackFailed') });
        return;
      }
      await ctx.answerCallbackQuery({ text: t(lang, 'telegram.feedbackThanks') });
      await trimKeyboard(ctx, (row) => !isFeedbackRow(row, codec));
      return;
    }
    if (!(await withinRateLimit(ctx))) {
      await ctx.answerCallbackQuery();
      return;
    }
    // Answer the press at once: the user's spinner stops while the core works.
    await ctx.answerCallbackQuery();
    if (action.type === 'ask') {
      await answerQuestion(ctx, action.text);
      return;
    }
    const command = action.command;
    if (command.kind === 'set-municipality' || command.kind === 'set-language') {
      // The choice is made: the picker's buttons would only invite a second, conflicting press.
      await trimKeyboard(ctx, () => false);
    }
    const reply = await askCommand(ctx, command);
    if (!reply) return;
    const out = await commandReply(command, reply);
    if (command.kind === 'choose-municipality' && isMunicipalityPicker(ctx)) {
      // Paging edits the list in place instead of posting a new one.
      try {
        await codec.flush();
        await ctx.editMessageReplyMarkup({ reply_markup: toMarkup(out.rows ?? []) });
        return;
      } catch (err) {
        logger.debug(describeError(err), 'telegram: could not edit the municipality list; sending a new one');
      }
    }
    await sendReply(ctx, out.reply, undefined, out.rows);
  };

  /** Whether the pressed button sits in a municipality list (paging then edits it in place). */
  const isMunicipalityPicker = (ctx: Context): boolean =>
    Boolean(
      ctx.callbackQuery?.message?.reply_markup?.inline_keyboard.some((row) =>
        row.some((b) => {
          if (!('callback_data' in b)) return false;
          const a = codec.decode(b.callback_data);
          return a?.type === 'command' && a.command.kind === 'set-municipality';
        }),
      ),
    );

  // --- middleware -------------------------------------------------------------------------------

  bot.use((_ctx, next) =>
    inflight.track(async () => {
      try {
        await next();
      } catch (err) {
        logger.error(describeError(err), 'telegram: handling an update failed');
      }
    }),
  );

  bot.use(async (ctx, next) => {
    // Claimed in the database: a redelivery after a restart, or to another replica, is dropped too.
    const id = ctx.update.update_id;
    if (!(await updates.first(`${botId}:${id}`))) {
      logger.info({ updateId: id }, 'telegram: update delivered again; already handled');
      return;
    }
    await next();
  });

  bot.use(sequentialize((ctx: Context) => (ctx.chat ? String(ctx.chat.id) : undefined)));

  bot.command(COMMAND_NAMES.start, async (ctx) => {
    const municipality = ctx.match ? await findMunicipality(ctx.match) : undefined;
    if (!municipality) return runCommand(ctx, { kind: 'start' });
    // A deep link (t.me/<bot>?start=<municipality>) from a municipality's page pre-selects it.
    if (!(await withinRateLimit(ctx))) return;
    const welcome = await askCommand(ctx, { kind: 'start' });
    if (!welcome) return;
    await sendReply(ctx, (await commandReply({ kind: 'start' }, welcome)).reply, undefined, []);
    const chosen = await askCommand(ctx, { kind: 'set-municipality', municipality });
    if (chosen) await sendReply(ctx, chosen);
  });

  // Every other command from the dialogue's vocabulary, its argument read by the same table:
  // "/kunta kaikki" ("/kommun alla", "/municipality all") clears the choice, "/kieli sv" switches.
  for (const entry of VOCABULARY) {
    const names = COMMAND_NAMES[entry.kind];
    if (entry.kind === 'start' || names.length === 0) continue;
    bot.command(names, async (ctx) => {
      const { command } = commandWith(entry, ctx.match.trim(), { channel: 'telegram', form: 'slash' });
      if (command.kind === 'choose-language') {
        if (!(await withinRateLimit(ctx))) return;
        await sendParts(
          ctx,
          renderPlainHtml(t(await uiLanguage(ctx), 'telegram.chooseLanguage')),
          languageRows(codec),
        );
        return;
      }
      // A municipality name goes to the core as typed: it knows every municipality, their
      // inflected forms and Swedish names, and answers a misspelling with "did you mean" buttons.
      const replyTo = entry.kind === 'municipality' && isGroupChat(ctx) ? ctx.msg.message_id : undefined;
      await runCommand(ctx, command, replyTo);
    });
  }

  bot.on('callback_query:data', async (ctx) => {
    const action = await codec.resolve(ctx.callbackQuery.data);
    if (!action) {
      await ctx.answerCallbackQuery({
        text: t(await uiLanguage(ctx), 'telegram.buttonExpired'),
        show_alert: true,
      });
      return;
    }
    await onButton(ctx, action);
  });

  bot.on('message:text', async (ctx) => {
    const group = isGroupChat(ctx);
    if (group && !isAddressedToBot(ctx.msg, ctx.me)) return;
    const text = stripMention(ctx.msg.text, ctx.me);
    const replyTo = ctx.msg.message_id;
    // Known commands were handled above; an unknown one, or a bare mention, gets the help.
    if (text === '' || text.startsWith('/'))
      return runCommand(ctx, { kind: 'help' }, group ? replyTo : undefined);
    if (!(await withinRateLimit(ctx, replyTo))) return;
    await answerQuestion(ctx, text, replyTo);
  });

  bot.on('message', async (ctx) => {
    // Photos, voice messages, stickers: say what works, but only where the bot is surely addressed.
    if (isGroupChat(ctx) || ctx.msg.from?.is_bot) return;
    if (!(await withinRateLimit(ctx))) return;
    await sendNotice(ctx, 'telegram.textOnly', {}, ctx.msg.message_id);
  });

  bot.catch((err) => {
    logger.error(
      { updateId: err.ctx?.update?.update_id, ...describeError(err.error) },
      'telegram: update failed',
    );
  });

  return { bot, idle: (capMs) => inflight.drain(capMs) };
}
