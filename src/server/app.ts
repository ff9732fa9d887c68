/**
 * The one HTTP server: every channel's router, `/healthz` and `/metrics`, on one port.
 *
 * There is no global body parser: each channel's router parses its own body, because Slack
 * verifies signatures over the raw bytes. Channels are counted by wrapping the Assistant they
 * receive (`meterAssistant`), so adapters never count anything themselves.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type ErrorRequestHandler, type Express } from 'express';
import type { Config } from '../config.ts';
import type { Assistant } from '../kernel/types.ts';
import type { ChannelState } from '../kernel/channel-state.ts';
import type { Logger } from '../kernel/log.ts';
import { createMetrics, meterAssistant, metricsAccess, type Metrics } from './metrics.ts';
import type { IndexStats } from '../store/documents.ts';
import type { ChannelFactory, ChannelPlugin } from '../channels/channel.ts';
import { healthRouter } from './health.ts';
import { pathOf, requestLogger } from './request-log.ts';
import { calendarRouter, type CalendarSource } from './calendar.ts';
import type { ReminderSenders } from '../kernel/ports.ts';

export interface ServerOptions {
  config: Config;
  logger: Logger;
  assistant: Assistant;
  /** Channel state in the database, shared by every channel (and every replica). */
  state: ChannelState;
  /** Index size; throws when the database is unreachable (drives `/healthz`). */
  indexStats(): Promise<IndexStats>;
  /** The channels to run; `channelFactories` from `channels.ts` in production. */
  channels: ChannelFactory[];
  metrics?: Metrics;
  /** The documents' events, for `/calendar/<municipality>.ics` (issue 16); absent: no feed. */
  calendar?: CalendarSource;
  /** The reminder scheduler channels register their senders with (issue 16). */
  reminders?: ReminderSenders;
}

export interface KumppaniServer {
  app: Express;
  metrics: Metrics;
  /** The metered Assistant every channel received. */
  assistant: Assistant;
  /** The channels that are configured and mounted. */
  channels: ChannelPlugin[];
  /**
   * Listens (options override `PORT`/`HOST`), then starts the channels' background work. Rejects
   * when a channel cannot start; call `stop()` then.
   */
  start(opts?: { port?: number; host?: string }): Promise<{ url: string; port: number }>;
  /**
   * Graceful stop: refuses new connections, lets requests in flight finish (up to
   * `KUMPPANI_SHUTDOWN_TIMEOUT_MS`), and stops every channel. Does not close the database.
   */
  stop(): Promise<void>;
}

/** Express's `trust proxy` from `KUMPPANI_TRUST_PROXY`: `true`, a hop count, or addresses/subnets. */
export function trustProxySetting(value: string): boolean | number | string {
  const v = value.trim();
  if (v === '' || v === 'false') return false;
  if (v === 'true') return true;
  if (/^\d+$/.test(v)) return Number(v);
  return v;
}

export async function createServer(opts: ServerOptions): Promise<KumppaniServer> {
  const { config, logger } = opts;
  const metrics = opts.metrics ?? createMetrics();
  const assistant = meterAssistant(opts.assistant, metrics);
  const ctx = { assistant, config, logger, state: opts.state, reminders: opts.reminders };

  const channels: ChannelPlugin[] = [];
  for (const factory of opts.channels) {
    const plugin = await factory(ctx);
    if (plugin) channels.push(plugin);
  }

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', trustProxySetting(config.env.KUMPPANI_TRUST_PROXY));

  let stopping = false;
  const inFlight = new Set<http.ServerResponse>();
  app.use((req, res, next) => {
    inFlight.add(res);
    res.on('close', () => inFlight.delete(res));
    if (stopping) res.setHeader('Connection', 'close');
    next();
  });
  app.use(requestLogger(logger));

  // The channel a request belongs to, for the HTTP metrics: the longest matching mount path.
  const routes: Array<[string, string]> = [
    ['/healthz', 'health'] as [string, string],
    ['/metrics', 'metrics'] as [string, string],
    ['/calendar', 'calendar'] as [string, string],
    ...channels.filter((c) => c.router).map((c): [string, string] => [c.mountPath ?? '/', c.name]),
  ].sort((a, b) => b[0].length - a[0].length);
  const channelOf = (path: string) =>
    routes.find(
      ([prefix]) =>
        prefix === '/' || path === prefix || path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`),
    )?.[1] ?? 'other';
  app.use((req, res, next) => {
    const end = metrics.httpDuration.startTimer();
    res.on('finish', () => {
      const channel = channelOf(pathOf(req));
      end({ channel });
      metrics.httpRequests.inc({ channel, method: req.method, status: String(res.statusCode) });
    });
    next();
  });

  app.use('/healthz', healthRouter({ indexStats: opts.indexStats, channels, logger }));
  app.get('/metrics', metricsAccess(config.env.KUMPPANI_METRICS_TOKEN), async (_req, res) => {
    res.set('Content-Type', metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  if (opts.calendar) app.use('/calendar', calendarRouter(opts.calendar));

  // Most specific first, so that the web chat at `/` never shadows a webhook.
  for (const c of [...channels].sort((a, b) => (b.mountPath ?? '/').length - (a.mountPath ?? '/').length)) {
    if (c.router) app.use(c.mountPath ?? '/', c.router);
  }

  app.use((_req, res) => {
    res.status(404).json({ error: 'Not found. The web chat is at /, health at /healthz.' });
  });
  const onError: ErrorRequestHandler = (
    err: { status?: number; statusCode?: number; type?: string; expose?: boolean; message?: string },
    req,
    res,
    _next,
  ) => {
    const status = err.status ?? err.statusCode ?? 500;
    if (status >= 500) logger.error({ err, path: pathOf(req) }, 'request failed');
    if (res.headersSent) return;
    // Body-parser errors (bad JSON, too large) are the client's; their messages are safe to show.
    const message =
      status < 500 && err.expose
        ? err.message
        : 'Internal error. It has been logged; please try again later.';
    res.status(status).json({ error: message });
  };
  app.use(onError);

  const server = http.createServer(app);
  // Slow clients must not hold connections forever; a reply may take an LLM's time.
  server.requestTimeout = Math.max(config.llm.timeoutMs + 30_000, 60_000);
  server.headersTimeout = 30_000;
  server.keepAliveTimeout = 5_000;

  let started = false;
  return {
    app,
    metrics,
    assistant,
    channels,
    async start(listen = {}) {
      const port = listen.port ?? config.port;
      const host = listen.host ?? config.host;
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      started = true;
      // A channel that cannot start (a rejected token, a refused webhook) is a configuration
      // error: the caller stops the server and shows the message rather than run half a bot.
      for (const c of channels) await c.start?.();
      const address = server.address() as AddressInfo;
      const shownHost =
        host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
      return { url: `http://${shownHost}:${address.port}`, port: address.port };
    },
    async stop() {
      if (stopping) return;
      stopping = true;
      for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
      const drained = started
        ? new Promise<void>((resolve) => server.close(() => resolve()))
        : Promise.resolve();
      server.closeIdleConnections();
      const channelsStopped = Promise.all(
        channels.map(async (c) => {
          try {
            await c.stop?.();
          } catch (err) {
            logger.error({ err, channel: c.name }, 'channel did not stop cleanly');
          }
        }),
      );
      const graceMs = config.env.KUMPPANI_SHUTDOWN_TIMEOUT_MS;
      let timer: NodeJS.Timeout | undefined;
      const gave = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), graceMs);
      });
      const outcome = await Promise.race([
        Promise.all([drained, channelsStopped]).then(() => 'done' as const),
        gave,
      ]);
      clearTimeout(timer);
      if (outcome === 'timeout') {
        logger.warn(
          { inFlight: inFlight.size, graceMs },
          'shutdown grace period over; closing the remaining connections',
        );
        server.closeAllConnections();
        await drained;
      }
    },
  };
}
