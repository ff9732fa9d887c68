/**
 * `ChannelState` in PostgreSQL (table `channel_state`, migration 008). Each method is one
 * statement, so it is atomic on its own under READ COMMITTED and needs no transaction:
 *
 * - `claim` is `INSERT … ON CONFLICT DO UPDATE … WHERE expired`: a concurrent second claim waits
 *   for the first one's row lock, re-reads the row it committed, finds it live and returns no row
 *   (false). Two claims on one expired row behave the same way: one renews it, the other sees the
 *   renewal.
 * - `hit` increments under the same row lock, so concurrent hits never lose a count.
 * - Expiry uses the database's clock (`now()`), so replicas with skewed clocks still agree.
 *
 * Keys come from platforms and are untrusted: only HMAC-SHA256(secret, scope, key) is stored,
 * which caps the length, makes NUL and any other character harmless, and keeps platform ids out
 * of the database in readable form (like the dialogue's pseudonyms).
 */
import { createHmac } from 'node:crypto';
import type pg from 'pg';
import { MAX_TTL_MS, MAX_VALUE_LENGTH, SCOPE_PATTERN, type ChannelState } from '../kernel/channel-state.ts';
import type { Logger } from '../kernel/log.ts';
import { KumppaniError } from '../kernel/errors.ts';

type Db = Pick<pg.Pool, 'query'>;

/** Thrown for a call the code got wrong (a bad scope, TTL or value), never for platform input. */
export class ChannelStateUsageError extends KumppaniError {
  constructor(message: string) {
    super('KUMPPANI_CHANNEL_STATE_USAGE', message);
  }
}

/** Expired rows deleted per cleanup statement: short statements, no long lock on the table. */
const PURGE_BATCH = 5_000;
/** How often the cleanup runs. */
const PURGE_INTERVAL_MS = 10 * 60_000;

function checkScope(scope: string): void {
  if (!SCOPE_PATTERN.test(scope))
    throw new ChannelStateUsageError(
      `channel state scope ${JSON.stringify(scope.slice(0, 80))} is invalid: use lower-case words joined by ':', e.g. 'slack:event'`,
    );
}

function ttl(ms: number): number {
  if (!Number.isFinite(ms) || ms <= 0)
    throw new ChannelStateUsageError(`channel state TTL must be a positive number of ms, got ${ms}`);
  return Math.min(Math.ceil(ms), MAX_TTL_MS);
}

export class PgChannelState implements ChannelState {
  private timer: NodeJS.Timeout | undefined;
  private purging: Promise<number> | undefined;

  constructor(
    private readonly db: Db,
    /** The HMAC key keys are digested with; the pseudonymisation key, so every replica agrees. */
    private readonly secret: string,
  ) {
    if (!secret) throw new ChannelStateUsageError('PgChannelState needs a non-empty secret (the HMAC key)');
  }

  private digest(scope: string, key: string): string {
    checkScope(scope);
    return createHmac('sha256', this.secret).update(scope).update('\0').update(key).digest('hex');
  }

  async claim(scope: string, key: string, ttlMs: number): Promise<boolean> {
    const { rowCount } = await this.db.query(
      `INSERT INTO channel_state (scope, key_digest, expires_at)
            VALUES ($1, $2, now() + $3 * interval '1 millisecond')
       ON CONFLICT (scope, key_digest) DO UPDATE
               SET expires_at = EXCLUDED.expires_at, value = NULL, hits = 0
             WHERE channel_state.expires_at <= now()
       RETURNING 1`,
      [scope, this.digest(scope, key), ttl(ttlMs)],
    );
    return rowCount === 1;
  }

  async put(scope: string, key: string, value: string, ttlMs: number): Promise<void> {
    if (value.length > MAX_VALUE_LENGTH || value.includes('\0'))
      throw new ChannelStateUsageError(
        `channel state value for ${scope} must be at most ${MAX_VALUE_LENGTH} characters without NUL (got ${value.length}); store JSON`,
      );
    await this.db.query(
      `INSERT INTO channel_state (scope, key_digest, value, expires_at)
            VALUES ($1, $2, $3, now() + $4 * interval '1 millisecond')
       ON CONFLICT (scope, key_digest) DO UPDATE
               SET value = EXCLUDED.value, expires_at = EXCLUDED.expires_at, hits = 0`,
      [scope, this.digest(scope, key), value, ttl(ttlMs)],
    );
  }

  async get(scope: string, key: string): Promise<string | undefined> {
    const { rows } = await this.db.query<{ value: string | null }>(
      `SELECT value FROM channel_state WHERE scope = $1 AND key_digest = $2 AND expires_at > now()`,
      [scope, this.digest(scope, key)],
    );
    return rows[0]?.value ?? undefined;
  }

  async hit(scope: string, key: string, windowMs: number): Promise<{ count: number; resetInMs: number }> {
    const { rows } = await this.db.query<{ hits: number; reset_ms: number }>(
      `INSERT INTO channel_state (scope, key_digest, hits, expires_at)
            VALUES ($1, $2, 1, now() + $3 * interval '1 millisecond')
       ON CONFLICT (scope, key_digest) DO UPDATE
               SET hits = CASE WHEN channel_state.expires_at <= now() THEN 1 ELSE channel_state.hits + 1 END,
                   expires_at = CASE WHEN channel_state.expires_at <= now() THEN EXCLUDED.expires_at
                                     ELSE channel_state.expires_at END
       RETURNING hits, GREATEST(0, EXTRACT(EPOCH FROM (expires_at - now())) * 1000)::float8 AS reset_ms`,
      [scope, this.digest(scope, key), ttl(windowMs)],
    );
    const row = rows[0]!;
    return { count: Number(row.hits), resetInMs: Math.ceil(Number(row.reset_ms)) };
  }

  /** Deletes expired rows (in batches) and resolves how many went. */
  async purgeExpired(): Promise<number> {
    let total = 0;
    for (;;) {
      const { rowCount } = await this.db.query(
        `DELETE FROM channel_state WHERE ctid IN (
           SELECT ctid FROM channel_state WHERE expires_at <= now() LIMIT ${PURGE_BATCH})`,
      );
      total += rowCount ?? 0;
      if ((rowCount ?? 0) < PURGE_BATCH) return total;
    }
  }

  /**
   * Purges now and then every `intervalMs` on an unref'd timer (it never keeps a process alive).
   * Every replica may run it; the deletes are idempotent.
   */
  startCleanup(logger: Logger, intervalMs = PURGE_INTERVAL_MS): void {
    if (this.timer) return;
    const run = () => {
      this.purging ??= this.purgeExpired()
        .catch((err: unknown) => {
          logger.warn({ err }, 'channel state cleanup failed; it runs again on the next interval');
          return 0;
        })
        .finally(() => {
          this.purging = undefined;
        });
    };
    run();
    this.timer = setInterval(run, intervalMs);
    this.timer.unref();
  }

  /** Stops the cleanup timer and waits for a run in progress, so the pool can close after it. */
  async stopCleanup(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.purging;
  }
}
