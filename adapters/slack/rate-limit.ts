/**
 * Per-user rate limit for the Slack channel, the same rule as Telegram's (adapters/telegram/rate-limit.ts):
 * a fixed window of one minute, `KUMPPANI_RATE_LIMIT_PER_MINUTE` questions per user in it. The
 * first refused question of a window gets one polite notice; the rest of the window is silent, so
 * a flood of messages never becomes a flood of notices. Kept in process memory and bounded (the
 * oldest users go first); the channel kit that moves this into the database is still to come.
 */

/** What to do with one question from a user. */
export type RateDecision =
  | { allowed: true }
  /** `notify` is true for the first refused question of the window; `retryAfterSeconds` until it ends. */
  | { allowed: false; notify: boolean; retryAfterSeconds: number };

export class UserRateLimiter {
  /** user id -> the window that user is in; Map order is insertion order, oldest first. */
  private readonly users = new Map<string, { start: number; count: number; notified: boolean }>();

  constructor(
    /** Questions a user may ask per window. */
    private readonly limit: number,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
    /** The most users remembered at once. */
    private readonly maxUsers = 50_000,
  ) {}

  check(userId: string): RateDecision {
    const now = this.now();
    let w = this.users.get(userId);
    if (!w || now - w.start >= this.windowMs) {
      w = { start: now, count: 0, notified: false };
      this.users.delete(userId);
      this.users.set(userId, w);
      while (this.users.size > this.maxUsers) {
        const oldest = this.users.keys().next().value;
        if (oldest === undefined) break;
        this.users.delete(oldest);
      }
    }
    w.count++;
    if (w.count <= this.limit) return { allowed: true };
    const notify = !w.notified;
    w.notified = true;
    return {
      allowed: false,
      notify,
      retryAfterSeconds: Math.max(1, Math.ceil((w.start + this.windowMs - now) / 1000)),
    };
  }
}
