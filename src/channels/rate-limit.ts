/**
 * Per-user (or per-chat) rate limit for every channel: a fixed window of `windowMs`, `limit`
 * questions in it. The first refused question of a window gets one polite notice (`notify`); the
 * rest of the window is silent, so a flood of messages never becomes a flood of notices. The
 * counts live in the database (`ChannelState.hit`), so the limit holds across replicas and
 * restarts.
 */
import type { Options, Store } from 'express-rate-limit';
import type { ChannelState } from '../kernel/channel-state.ts';
import type { Logger } from '../kernel/log.ts';

/** What to do with one question. */
export type RateDecision =
  | { allowed: true }
  /** `notify` is true for the first refused question of the window; `retryAfterSeconds` until it ends. */
  | { allowed: false; notify: boolean; retryAfterSeconds: number };

export class RateLimiter {
  constructor(
    private readonly state: ChannelState,
    /** e.g. `slack:rate`; see `SCOPE_PATTERN`. */
    private readonly scope: string,
    /** Questions one key may ask per window. */
    private readonly limit: number,
    private readonly logger: Logger,
    private readonly windowMs = 60_000,
  ) {}

  /**
   * Counts one question from `key` (a user id, or a chat id). When the database cannot be reached
   * the question is allowed: the answer needs the database too and will say what failed.
   */
  async check(key: string): Promise<RateDecision> {
    let hit: { count: number; resetInMs: number };
    try {
      hit = await this.state.hit(this.scope, key, this.windowMs);
    } catch (err) {
      this.logger.warn({ err, scope: this.scope }, 'rate limit: counting in the database failed; allowing');
      return { allowed: true };
    }
    if (hit.count <= this.limit) return { allowed: true };
    return {
      allowed: false,
      notify: hit.count === this.limit + 1,
      retryAfterSeconds: Math.max(1, Math.ceil(hit.resetInMs / 1000)),
    };
  }
}

/**
 * An express-rate-limit store over `ChannelState.hit`, so an HTTP channel's per-address limit
 * (the web chat's) is counted in the database and holds across replicas like the others. It
 * counts; it cannot take a hit back, so the options that need `decrement` (`skipFailedRequests`,
 * `skipSuccessfulRequests`) must stay off with it.
 */
export function channelStateStore(state: ChannelState, scope: string): Store {
  let windowMs = 60_000;
  return {
    localKeys: false,
    prefix: scope,
    init(options: Options) {
      windowMs = options.windowMs;
    },
    async increment(key: string) {
      const { count, resetInMs } = await state.hit(scope, key, windowMs);
      return { totalHits: count, resetTime: new Date(Date.now() + resetInMs) };
    },
    decrement() {
      throw new Error(
        'channelStateStore cannot take a hit back: turn off skipFailedRequests and skipSuccessfulRequests',
      );
    },
    resetKey() {
      throw new Error('channelStateStore cannot reset a key: windows end on their own');
    },
  };
}
