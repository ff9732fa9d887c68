/**
 * Slack channel for regional organisers (@slack/bolt). Two ways in:
 * - HTTP (default): an Express router the shared server mounts at `/slack/events`; it reads the
 *   raw body itself and verifies Slack's request signature (bad, missing, or a timestamp more than
 *   five minutes from now in either direction -> 401).
 * - Socket Mode (`SLACK_APP_TOKEN` set): no public URL; `start()` opens the WebSocket.
 * The core is reached only through `ctx.assistant`.
 */
import { App, ExpressReceiver, SocketModeReceiver, webApi, type Authorize, type Receiver } from '@slack/bolt';
import { Router, type RequestHandler } from 'express';
import { registerStrings } from '../../src/kernel/i18n/index.ts';
import { slack as slackStrings } from '../../src/kernel/i18n/slack.ts';
import type { ChannelFactory, ChannelPlugin } from '../../src/channels/channel.ts';
import type { Logger } from '../../src/kernel/log.ts';
import { slackApiDispatcher } from './api-url.ts';
import { boltLogger } from './logger.ts';
import { CLAIM_TTL_MS, DeliveryClaims } from '../../src/channels/claims.ts';
import { InFlight } from '../../src/channels/in-flight.ts';
import { RateLimiter } from '../../src/channels/rate-limit.ts';
import { AnsweredThreads } from './memory.ts';
import { registerListeners, slackErrorCode } from './listeners.ts';
import { renderReply } from './render.ts';
import { KumppaniError } from '../../src/kernel/errors.ts';

registerStrings(slackStrings);

/** Where Slack posts events, commands and interactions in HTTP mode. */
export const SLACK_EVENTS_PATH = '/slack/events';

/** Every Web API call gives up after this long; a stuck call must not hold an answer forever. */
const API_TIMEOUT_MS = 10_000;
/** Socket Mode start-up waits this long for the first connection before going on in the background. */
const SOCKET_CONNECT_WAIT_MS = 30_000;

/** Slack's documented rule: a request whose timestamp is more than five minutes from now is refused. */
export const SLACK_MAX_CLOCK_SKEW_S = 5 * 60;

/**
 * Refuses a request whose `X-Slack-Request-Timestamp` is more than five minutes away from now in
 * either direction, before Bolt's receiver sees it. Bolt 5 refuses only old timestamps, so a
 * request signed with a future timestamp could be replayed until that time came; the signature
 * covers the timestamp, so it cannot be changed without breaking the signature. A missing or
 * unreadable (NaN) header is left to Bolt, which refuses it as well.
 */
export function slackTimestampGuard(now: () => number = Date.now): RequestHandler {
  return (req, res, next) => {
    const header = req.headers['x-slack-request-timestamp'];
    // Read the way Bolt reads it (Number), so no spelling of a far timestamp slips past this guard.
    const ts = typeof header === 'string' ? Number(header) : Number.NaN;
    if (!Number.isNaN(ts) && !(Math.abs(Math.floor(now() / 1000) - ts) <= SLACK_MAX_CLOCK_SKEW_S)) {
      res.status(401).send();
      return;
    }
    next();
  };
}

/** Thrown at start when Slack refuses the configured token; the message names the variable to fix. */
export class SlackTokenError extends KumppaniError {
  constructor(
    /** The environment variable holding the refused token. */
    readonly variable: 'SLACK_BOT_TOKEN' | 'SLACK_APP_TOKEN',
    /** Slack's error code, e.g. `invalid_auth` (kept as `platformCode`). */
    slackCode: string,
  ) {
    super(
      'KUMPPANI_SLACK_TOKEN',
      `Slack refused ${variable} (${slackCode}). Set ${variable} to the app's current token from api.slack.com/apps.`,
      { platformCode: slackCode },
    );
  }
}

/** Slack error codes that mean the token itself is wrong, not that Slack was unreachable. */
const TOKEN_ERRORS = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'not_allowed_token_type',
]);

/** Web API calls and `respond()` (which uses this fetch) all get a timeout. */
function clientOptions(apiUrl: string | undefined): webApi.WebClientOptions {
  return {
    ...(apiUrl ? { slackApiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/` } : {}),
    timeout: API_TIMEOUT_MS,
    // The default retries for half an hour; an answer that late is worse than an error in the log.
    retryConfig: { retries: 2, factor: 2, minTimeout: 1000, maxTimeout: 5000 },
    fetch: ((url: string | URL, init?: RequestInit) =>
      fetch(url, {
        ...init,
        signal: init?.signal ?? AbortSignal.timeout(API_TIMEOUT_MS),
      })) as unknown as webApi.FetchFunction,
  };
}

/**
 * The bot's identity from `auth.test`, fetched once and kept; a failed look-up is not kept, so
 * the next event tries again instead of the bot staying deaf until a restart.
 */
function cachedAuthorize(client: webApi.WebClient, token: string): () => ReturnType<Authorize<boolean>> {
  let pending: ReturnType<Authorize<boolean>> | undefined;
  return () => {
    pending ??= client.auth.test({ token }).then(
      (r) => ({ botToken: token, botId: r.bot_id, botUserId: r.user_id, teamId: r.team_id }),
      (err: unknown) => {
        pending = undefined;
        throw err;
      },
    );
    return pending;
  };
}

async function checkToken(authorize: () => ReturnType<Authorize<boolean>>, logger: Logger): Promise<void> {
  try {
    await authorize();
  } catch (err) {
    const code = slackErrorCode(err) ?? 'unreachable';
    if (TOKEN_ERRORS.has(code)) throw new SlackTokenError('SLACK_BOT_TOKEN', code);
    logger.warn({ code }, 'Slack: auth.test failed at start; retrying on the first event');
  }
}

export const createSlackChannel: ChannelFactory = (ctx) => {
  const slack = ctx.config.slack;
  if (!slack.botToken) return null;
  const logger = ctx.logger.child({ component: 'slack' });
  const bolt = boltLogger(logger);
  const socketMode = Boolean(slack.appToken);
  const options = clientOptions(slack.apiUrl);

  let receiver: Receiver;
  let router: Router | undefined;
  if (slack.appToken) {
    receiver = new SocketModeReceiver({
      appToken: slack.appToken,
      logger: bolt,
      ...(slack.apiUrl ? { dispatcher: slackApiDispatcher(slack.apiUrl) } : {}),
    });
  } else {
    if (!slack.signingSecret) {
      throw new Error(
        'SLACK_SIGNING_SECRET: required for Slack HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)',
      );
    }
    router = Router();
    // Registered before the receiver adds its own POST handler, so it runs first.
    router.use(slackTimestampGuard());
    receiver = new ExpressReceiver({
      signingSecret: slack.signingSecret,
      router,
      // The server mounts the router at SLACK_EVENTS_PATH; events, commands and actions share it.
      endpoints: '/',
      // Acknowledge first, answer after: Slack wants a response within three seconds.
      processBeforeResponse: false,
      signatureVerification: true,
      bodyLimit: 1024 * 1024,
      logger: bolt,
    });
  }

  const authorize = cachedAuthorize(
    new webApi.WebClient(undefined, { ...options, logger: bolt }),
    slack.botToken,
  );
  const app = new App({ receiver, authorize, clientOptions: options, logger: bolt, convoStore: false });
  const tasks = new InFlight(logger, 'Slack');
  registerListeners(app, {
    assistant: ctx.assistant,
    logger,
    defaults: { audience: slack.audience },
    threads: new AnsweredThreads(ctx.state, logger),
    events: new DeliveryClaims(ctx.state, 'slack:event', CLAIM_TTL_MS.slack, logger),
    messages: new DeliveryClaims(ctx.state, 'slack:message', CLAIM_TTL_MS.slack, logger),
    tasks,
    limiter: new RateLimiter(ctx.state, 'slack:rate', ctx.config.rateLimitPerMinute, logger),
  });

  // Deadline reminders (issue 16): posted to the conversation the subscription was made in (a DM
  // or a channel), rendered like any answer (Block Kit, the numbered source with its link).
  ctx.reminders?.register({
    channel: 'slack',
    async send(address, reply) {
      for (const m of renderReply(reply))
        await app.client.chat.postMessage({
          token: slack.botToken,
          channel: address,
          text: m.text,
          blocks: m.blocks,
          unfurl_links: false,
          unfurl_media: false,
        });
    },
  });

  const plugin: ChannelPlugin = {
    name: 'slack',
    mode: socketMode ? 'socket mode' : 'http',
    async start() {
      await checkToken(authorize, logger);
      if (!socketMode) {
        logger.info({ path: SLACK_EVENTS_PATH, audience: slack.audience }, 'Slack: HTTP mode ready');
        return;
      }
      const connecting = app.start().then(
        () => 'connected' as const,
        (err: unknown) => {
          const code = slackErrorCode(err) ?? 'unreachable';
          if (TOKEN_ERRORS.has(code)) throw new SlackTokenError('SLACK_APP_TOKEN', code);
          throw err;
        },
      );
      let timer: NodeJS.Timeout | undefined;
      const waited = new Promise<'waiting'>((resolve) => {
        timer = setTimeout(() => resolve('waiting'), SOCKET_CONNECT_WAIT_MS);
        timer.unref();
      });
      const state = await Promise.race([connecting, waited]).finally(() => clearTimeout(timer));
      if (state === 'waiting') {
        connecting.catch((err: unknown) => logger.error({ err }, 'Slack: Socket Mode could not connect'));
        logger.warn('Slack: Socket Mode still connecting; continuing in the background');
      } else {
        logger.info({ audience: slack.audience }, 'Slack: Socket Mode connected');
      }
    },
    async stop() {
      if (socketMode)
        await app.stop().catch((err: unknown) => logger.warn({ err }, 'Slack: Socket Mode stop failed'));
      await tasks.drain(ctx.config.shutdownTimeoutMs);
    },
  };
  if (router) {
    plugin.mountPath = SLACK_EVENTS_PATH;
    plugin.router = router;
  }
  return plugin;
};
