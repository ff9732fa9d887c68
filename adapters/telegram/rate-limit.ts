/**
 * Per-chat rate limit with a fixed window. A chat over its limit gets one polite notice per window
 * (`notify: true` once), and silence after that, so a flood of messages never becomes a flood of
 * notices. Written by hand rather than with @grammyjs/ratelimiter because the "notify once per
 * window" state is most of the logic anyway.
 */
import { BoundedCache } from './bounded-cache.ts';

/** What to do with one message from a chat. */
export type RateDecision =
  | { allowed: true }
  /** `notify` is true for the first refused message of the window; `retryAfterSeconds` until it ends. */
  | { allowed: false; notify: boolean; retryAfterSeconds: number };

interface Window {
  start: number;
  count: number;
  notified: boolean;
}

export class ChatRateLimiter {
  private readonly windows: BoundedCache<string, Window>;

  constructor(
    /** Messages a chat may send per window. */
    private readonly limit: number,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
    maxChats = 50_000,
  ) {
    this.windows = new BoundedCache(maxChats, windowMs, now);
  }

  check(chatId: string): RateDecision {
    const now = this.now();
    let w = this.windows.get(chatId);
    if (!w || now - w.start >= this.windowMs) {
      w = { start: now, count: 0, notified: false };
      this.windows.set(chatId, w);
    }
    w.count++;
    if (w.count <= this.limit) return { allowed: true };
    const retryAfterSeconds = Math.max(1, Math.ceil((w.start + this.windowMs - now) / 1000));
    const notify = !w.notified;
    w.notified = true;
    return { allowed: false, notify, retryAfterSeconds };
  }
}
