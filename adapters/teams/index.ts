/**
 * Microsoft Teams channel at `/api/messages`: botbuilder's CloudAdapter with
 * ConfigurationBotFrameworkAuthentication, credentials passed from Config (never read from env).
 *
 * Without MicrosoftAppId the adapter would accept unsigned requests and post replies to whatever
 * `serviceUrl` they name, so the endpoint then refuses every request (401) unless
 * TEAMS_ALLOW_UNAUTHENTICATED=true, which is for local testing (Agents Playground) only.
 */
import express, { Router } from 'express';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type TurnContext,
} from 'botbuilder';
import { registerStrings } from '../../src/kernel/i18n/index.ts';
import { teams as teamsStrings } from '../../src/kernel/i18n/teams.ts';
import type { ChannelFactory } from '../../src/channels/channel.ts';
import { CLAIM_TTL_MS, DeliveryClaims } from '../../src/channels/claims.ts';
import { InFlight } from '../../src/channels/in-flight.ts';
import { RateLimiter } from '../../src/channels/rate-limit.ts';
import { KumppaniTeamsBot } from './bot.ts';
import { teamsReminderSender } from './proactive.ts';

registerStrings(teamsStrings);

export const TEAMS_PATH = '/api/messages';

/**
 * CloudAdapter with its request handling exposed, so that this server parses, answers and logs
 * (as JSON) itself, where `CloudAdapter.process` would write refusals to the console.
 */
class KumppaniCloudAdapter extends CloudAdapter {
  handle(authHeader: string, activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>) {
    return this.processActivity(authHeader, fixTimestamps(activity), logic);
  }
}

/** True for http(s) URLs on this machine: localhost, 127.0.0.0/8 or ::1. */
export function isLoopbackUrl(url: unknown): boolean {
  if (typeof url !== 'string') return false;
  try {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
  } catch {
    return false;
  }
}

/** What `CloudAdapter.process` does to a parsed body: timestamps become Dates, raw text kept. */
function fixTimestamps(activity: Partial<Activity>): Activity {
  const a = activity as Activity & Record<string, unknown>;
  for (const key of ['timestamp', 'localTimestamp', 'expiration'] as const) {
    const value = a[key] as unknown;
    if (typeof value === 'string') {
      a[`raw${key[0]!.toUpperCase()}${key.slice(1)}`] = value;
      (a as Record<string, unknown>)[key] = new Date(value);
    }
  }
  return a;
}

/** jsonwebtoken's own failures (bad signature, malformed, not yet valid, expired), which botbuilder rethrows as they are. */
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);

/** True when botbuilder refused the request's credentials (its 401s and jsonwebtoken's errors). */
export function isAuthFailure(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { statusCode?: unknown; name?: unknown };
  return e.statusCode === 401 || (typeof e.name === 'string' && TOKEN_ERRORS.has(e.name));
}

/** Calls to the Bot Connector (replies, typing, card updates) give up after this long. */
const CONNECTOR_TIMEOUT_MS = 15_000;

type ConnectorClientOptions = NonNullable<
  ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[4]
>;
type PolicyFactories = NonNullable<ConnectorClientOptions['requestPolicyFactories']>;
interface TimedRequest {
  timeout?: number;
}
interface Policy {
  sendRequest(request: TimedRequest): Promise<unknown>;
}

/** A request policy that puts a timeout on every Bot Connector call that has none. */
export function connectorTimeout(ms: number): PolicyFactories {
  return [
    {
      create: (next: Policy) => ({
        sendRequest: (request: TimedRequest) => {
          if (!request.timeout) request.timeout = ms;
          return next.sendRequest(request);
        },
      }),
    },
  ] as unknown as PolicyFactories;
}

export const createTeamsChannel: ChannelFactory = ({ assistant, config, logger, state, reminders }) => {
  const teams = config.teams;
  const log = logger.child({ channel: 'teams' });
  const router = Router();
  const appId = teams.appId;

  if (!appId && !teams.allowUnauthenticated) {
    router.all('/', (_req, res) => {
      res.status(401).json({
        error:
          'The Teams endpoint is not configured: set MicrosoftAppId and MicrosoftAppPassword from your Azure Bot registration. ' +
          'For local testing only, TEAMS_ALLOW_UNAUTHENTICATED=true accepts unsigned requests.',
      });
    });
    return {
      name: 'teams',
      mountPath: TEAMS_PATH,
      router,
      mode: 'refusing requests: MicrosoftAppId is not set',
    };
  }
  if (!appId) {
    log.warn(
      'TEAMS_ALLOW_UNAUTHENTICATED=true and MicrosoftAppId is not set: /api/messages accepts unsigned requests and replies to any serviceUrl. Use this for local testing only.',
    );
  } else if (teams.allowUnauthenticated) {
    log.warn(
      'TEAMS_ALLOW_UNAUTHENTICATED is ignored because MicrosoftAppId is set: requests must be signed by the Bot Framework.',
    );
  }

  const credentials = {
    MicrosoftAppId: appId ?? '',
    MicrosoftAppPassword: teams.appPassword ?? '',
    MicrosoftAppType: teams.appType,
    MicrosoftAppTenantId: teams.tenantId ?? '',
  };
  const authOptions: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: credentials.MicrosoftAppId,
    MicrosoftAppTenantId: credentials.MicrosoftAppTenantId,
  };
  const auth = new ConfigurationBotFrameworkAuthentication(
    authOptions,
    new ConfigurationServiceClientCredentialFactory(credentials),
    undefined,
    undefined,
    { requestPolicyFactories: connectorTimeout(CONNECTOR_TIMEOUT_MS) },
  );
  const adapter = new KumppaniCloudAdapter(auth);
  // Deadline reminders (issue 16), written first to the conversation the user subscribed in.
  reminders?.register(teamsReminderSender(adapter, credentials.MicrosoftAppId));
  const bot = new KumppaniTeamsBot({
    assistant,
    config,
    logger,
    limiter: new RateLimiter(state, 'teams:rate', config.rateLimitPerMinute, log),
  });
  // Bot Framework retries a delivery it saw fail or time out, with the same activity id.
  const deliveries = new DeliveryClaims(state, 'teams:activity', CLAIM_TTL_MS.teams, log);
  const inFlight = new InFlight(log, 'teams');

  /** Runs the bot on an activity unless that message was delivered before (here, before a restart, or to another replica). */
  const logic = async (context: TurnContext): Promise<void> => {
    const a = context.activity;
    // Only messages: an invoke needs its response every time, and its effects are idempotent.
    if (a.type === 'message' && a.id && !(await deliveries.first(`${a.conversation?.id ?? ''}|${a.id}`))) {
      log.info('teams: activity delivered again; already handled');
      return;
    }
    await bot.run(context);
  };

  adapter.onTurnError = async (context, error) => {
    log.error({ err: error, activityType: context.activity.type }, 'teams turn failed');
    if (context.activity.type !== 'message') return;
    try {
      await context.sendActivity(bot.errorMessage(context.activity));
    } catch (err) {
      log.error({ err }, 'could not tell the Teams user about the failure');
    }
  };

  router.post('/', express.json({ limit: '1mb' }), async (req, res) => {
    const activity = req.body as Partial<Activity> | undefined;
    if (!activity || typeof activity !== 'object' || typeof activity.type !== 'string') {
      res.status(400).json({ error: 'Expected a Bot Framework activity (JSON with a "type").' });
      return;
    }
    // Unsigned requests may only make the bot talk to a Bot Connector on this machine (the
    // Playground or a test stub), never to whatever address a stranger puts in `serviceUrl`.
    if (!appId && !isLoopbackUrl(activity.serviceUrl)) {
      log.warn('teams request refused: unauthenticated mode only replies to a serviceUrl on this machine');
      res.status(403).json({
        error:
          'TEAMS_ALLOW_UNAUTHENTICATED only serves a local client (serviceUrl on localhost). Set MicrosoftAppId for real Teams.',
      });
      return;
    }
    if (!inFlight.accepting) {
      // Shutting down: Bot Framework retries, reaching this bot again after the restart or another replica.
      res.status(503).set('Retry-After', '5').json({ error: 'Shutting down; retry the delivery.' });
      return;
    }
    try {
      const invoke = await inFlight.track(() =>
        adapter.handle(req.headers.authorization ?? '', activity, logic),
      );
      res.status(invoke?.status ?? 200);
      if (invoke?.body !== undefined) res.json(invoke.body);
      else res.end();
    } catch (err) {
      if (isAuthFailure(err)) {
        log.warn(
          { reason: String((err as Error).message).slice(0, 200) },
          'teams request refused: not signed by the Bot Framework for this bot',
        );
        res
          .status(401)
          .json({ error: 'Unauthorized: the request is not signed by the Bot Framework for this bot.' });
        return;
      }
      log.error({ err }, 'teams request failed');
      res.status(500).json({ error: 'Internal error. It has been logged.' });
    }
  });
  router.all('/', (_req, res) => {
    res
      .status(405)
      .set('Allow', 'POST')
      .json({ error: 'The Teams endpoint takes POST requests from the Bot Framework.' });
  });

  return {
    name: 'teams',
    mountPath: TEAMS_PATH,
    router,
    mode: appId ? 'authenticated' : 'UNAUTHENTICATED (local testing only)',
    async stop() {
      await inFlight.drain(config.shutdownTimeoutMs);
    },
  };
};
