/**
 * `/healthz`: is the database answering, how big is the index, which channels run. Load balancers
 * and uptime checks read the status code: 200 when the bot can answer, 503 when it cannot.
 */
import { Router } from 'express';
import type { Logger } from '../kernel/log.ts';
import type { IndexStats } from '../store/documents.ts';
import type { ChannelPlugin } from '../channels/channel.ts';

export interface HealthDeps {
  /** Index size; throws (or never settles) when the database is unreachable. */
  indexStats(): Promise<IndexStats>;
  channels: ChannelPlugin[];
  logger: Logger;
  /** How long the database may take before the check reports it down. */
  timeoutMs?: number;
}

/** What `/healthz` returns. */
export interface HealthReport {
  status: 'ok' | 'unavailable';
  database: 'ok' | 'unreachable';
  index?: IndexStats;
  /** Channel name -> how it runs. */
  channels: Record<string, string>;
  uptimeSeconds: number;
}

class HealthTimeoutError extends Error {
  constructor(ms: number) {
    super(`the database did not answer within ${ms} ms`);
    this.name = 'HealthTimeoutError';
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new HealthTimeoutError(ms)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export async function checkHealth(deps: HealthDeps): Promise<HealthReport> {
  const channels = Object.fromEntries(deps.channels.map((c) => [c.name, c.mode ?? 'enabled']));
  const uptimeSeconds = Math.round(process.uptime());
  try {
    const index = await withTimeout(deps.indexStats(), deps.timeoutMs ?? 3000);
    return { status: 'ok', database: 'ok', index, channels, uptimeSeconds };
  } catch (err) {
    deps.logger.error({ err }, 'health check: database unreachable');
    return { status: 'unavailable', database: 'unreachable', channels, uptimeSeconds };
  }
}

export function healthRouter(deps: HealthDeps): Router {
  const router = Router();
  router.get('/', async (_req, res) => {
    const report = await checkHealth(deps);
    res
      .status(report.status === 'ok' ? 200 : 503)
      .set('Cache-Control', 'no-store')
      .json(report);
  });
  return router;
}
