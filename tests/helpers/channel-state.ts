/**
 * A one-process stand-in for the database's `ChannelState`, for tests that build a channel
 * without a database. The semantics are the store's (claims once until expiry, fixed windows);
 * tests that need them across a restart or replicas use `PgChannelState` over PGlite instead.
 */
import type { ChannelState } from '../../src/kernel/channel-state.ts';

export class MemoryChannelState implements ChannelState {
  private readonly rows = new Map<string, { value?: string; hits: number; expires: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  private live(scope: string, key: string) {
    const row = this.rows.get(`${scope}\0${key}`);
    return row && row.expires > this.now() ? row : undefined;
  }

  async claim(scope: string, key: string, ttlMs: number): Promise<boolean> {
    if (this.live(scope, key)) return false;
    this.rows.set(`${scope}\0${key}`, { hits: 0, expires: this.now() + ttlMs });
    return true;
  }

  async put(scope: string, key: string, value: string, ttlMs: number): Promise<void> {
    this.rows.set(`${scope}\0${key}`, { value, hits: 0, expires: this.now() + ttlMs });
  }

  async get(scope: string, key: string): Promise<string | undefined> {
    return this.live(scope, key)?.value;
  }

  async hit(scope: string, key: string, windowMs: number): Promise<{ count: number; resetInMs: number }> {
    let row = this.live(scope, key);
    if (!row) {
      row = { hits: 0, expires: this.now() + windowMs };
      this.rows.set(`${scope}\0${key}`, row);
    }
    row.hits++;
    return { count: row.hits, resetInMs: row.expires - this.now() };
  }
}
