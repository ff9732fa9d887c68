/**
 * Telegram channel for association volunteers (grammY). Long polling by default, so no public URL
 * is needed; webhook mode on the shared server at `/telegram/webhook` when TELEGRAM_WEBHOOK_URL is
 * set. Returns `null` when TELEGRAM_BOT_TOKEN is unset.
 */
import { run } from '@grammyjs/runner';
import type { RunnerHandle } from '@grammyjs/runner';
import { GrammyError } from 'grammy';
import type { Bot } from 'grammy';
import type { ChannelFactory, ChannelPlugin } from '../../src/channels/channel.ts';
import { ALLOWED_UPDATES, createTelegramBot, describeError } from './bot.ts';
import type { TelegramBotOptions } from './bot.ts';
import { registerCommandMenu } from './commands.ts';
import { renderReplyHtml } from './html.ts';
import { createWebhookRouter } from './webhook.ts';
import { KumppaniError } from '../../src/kernel/errors.ts';

export const TELEGRAM_MOUNT_PATH = '/telegram/webhook';

/** How long start-up waits for Telegram before giving up on a step. */
const STARTUP_TIMEOUT_MS = 30_000;
/** How long stop() waits for answers still being written. */
const STOP_WAIT_MS = 30_000;

/** grammY types its signals with the abort-controller polyfill; Node's own signals are the same at run time. */
type GrammySignal = NonNullable<Parameters<Bot['init']>[0]>;
const timeoutSignal = (ms: number) => AbortSignal.timeout(ms) as unknown as GrammySignal;

/** Thrown by `start()` when Telegram refuses the bot's configuration; the message says what to fix. */
export class TelegramSetupError extends KumppaniError {
  constructor(message: string, options?: { cause?: unknown; platformCode?: number }) {
    super('KUMPPANI_TELEGRAM_SETUP', message, options);
  }
}

/**
 * The webhook URL as given, or, when it names only the host (`https://bot.example.fi`), that host
 * with the channel's path appended.
 */
export function resolveWebhookUrl(url: string): string {
  const u = new URL(url);
  if (u.pathname === '/' || u.pathname === '') u.pathname = TELEGRAM_MOUNT_PATH;
  return u.toString();
}

/** Options a test may override (e.g. a shorter typing interval); production passes none. */
export type TelegramChannelOverrides = Partial<Pick<TelegramBotOptions, 'typingIntervalMs' | 'botInfo'>>;

export function createTelegramChannelWith(overrides: TelegramChannelOverrides = {}): ChannelFactory {
  return ({ assistant, config, logger: parentLogger, state, reminders }) => {
    const telegram = config.telegram;
    if (!telegram.botToken) return null;
    const logger = parentLogger.child({ channel: 'telegram' });
    const { bot, idle } = createTelegramBot({
      token: telegram.botToken,
      // grammY appends `/bot<token>/<method>`; a trailing slash would double it.
      apiRoot: telegram.apiRoot?.replace(/\/+$/, ''),
      assistant,
      logger,
      state,
      rateLimitPerMinute: config.rateLimitPerMinute,
      // The core's own limit is the LLM timeout; allow it that and a margin for retrieval.
      answerTimeoutMs: config.llm.timeoutMs + 15_000,
      ...overrides,
    });
    // Deadline reminders (issue 16): the scheduler hands over the reply and the stored chat id;
    // the reply is rendered like any answer (the deadline line, its numbered source with the link).
    reminders?.register({
      channel: 'telegram',
      async send(address, reply) {
        for (const html of renderReplyHtml(reply))
          await bot.api.sendMessage(address, html, {
            parse_mode: 'HTML',
            link_preview_options: { is_disabled: true },
          });
      },
    });
    const webhookUrl = telegram.webhookUrl ? resolveWebhookUrl(telegram.webhookUrl) : undefined;
    const secret = telegram.webhookSecret;
    let runner: RunnerHandle | undefined;

    const init = async () => {
      try {
        await bot.init(timeoutSignal(STARTUP_TIMEOUT_MS));
      } catch (err) {
        if (err instanceof GrammyError && (err.error_code === 401 || err.error_code === 404)) {
          throw new TelegramSetupError(
            `Telegram rejected TELEGRAM_BOT_TOKEN (${err.error_code} ${err.description}). Copy the token from @BotFather (/mybots > API Token) and start again.`,
            { cause: err, platformCode: err.error_code },
          );
        }
        if (webhookUrl) throw err;
        // Polling can wait for Telegram to come back: the runner initialises on its first fetch.
        logger.error(
          describeError(err),
          'telegram: could not reach the Bot API at start-up; will keep trying',
        );
      }
    };

    const plugin: ChannelPlugin = {
      name: 'telegram',
      mountPath: TELEGRAM_MOUNT_PATH,
      mode: webhookUrl ? 'webhook' : 'long polling',
      ...(webhookUrl && secret ? { router: createWebhookRouter(bot, secret, logger) } : {}),

      async start() {
        await init();
        // Without Telegram at start-up the menu waits for the next start; typed commands work anyway.
        if (bot.isInited()) await registerCommandMenu(bot.api, logger);
        if (webhookUrl) {
          try {
            await bot.api.setWebhook(
              webhookUrl,
              { secret_token: secret, allowed_updates: [...ALLOWED_UPDATES] },
              timeoutSignal(STARTUP_TIMEOUT_MS),
            );
          } catch (err) {
            throw new TelegramSetupError(
              `Telegram did not accept the webhook ${webhookUrl}: ${err instanceof Error ? err.message : String(err)}. ` +
                'TELEGRAM_WEBHOOK_URL must be a public https URL that reaches this server (ports 443, 80, 88 or 8443), or unset it to use long polling.',
              { cause: err },
            );
          }
          logger.info({ url: webhookUrl }, 'telegram: webhook registered');
          return;
        }
        try {
          // A webhook left over from an earlier set-up would make every getUpdates fail with 409.
          await bot.api.deleteWebhook({}, timeoutSignal(STARTUP_TIMEOUT_MS));
        } catch (err) {
          logger.warn(
            describeError(err),
            'telegram: could not remove an old webhook; polling may fail with 409',
          );
        }
        runner = run(bot, {
          runner: { fetch: { timeout: 30, allowed_updates: [...ALLOWED_UPDATES] }, silent: true },
        });
        runner.task()?.catch((err: unknown) => {
          const hint =
            err instanceof GrammyError && err.error_code === 409
              ? 'another process is polling with the same token, or a webhook was set: stop the other one'
              : 'check TELEGRAM_BOT_TOKEN and the network, then restart';
          logger.error({ ...describeError(err), hint }, 'telegram: long polling stopped');
        });
        logger.info(
          { bot: bot.isInited() ? bot.botInfo.username : undefined },
          'telegram: long polling started',
        );
      },

      async stop() {
        if (runner?.isRunning()) await runner.stop();
        runner = undefined;
        await idle(STOP_WAIT_MS);
      },
    };
    return plugin;
  };
}

/** The channel factory the server registers. */
export const createTelegramChannel: ChannelFactory = createTelegramChannelWith();
