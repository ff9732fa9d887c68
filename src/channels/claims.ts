/**
 * Handling a platform delivery once, across restarts and replicas: the first process to claim a
 * delivery's id handles it; a redelivery (or the same delivery reaching another replica) finds
 * the claim and is dropped. Claims live in the database (`ChannelState.claim`).
 */
import type { ChannelState } from '../kernel/channel-state.ts';
import type { Logger } from '../kernel/log.ts';

/**
 * How long a delivery id is remembered, per platform: longer than the platform keeps
 * redelivering, short enough that the table stays small.
 */
export const CLAIM_TTL_MS = {
  /** Slack retries three times within about five minutes (X-Slack-Retry-Num); an hour covers them. */
  slack: 60 * 60_000,
  /**
   * Telegram redelivers an update until it is acknowledged (the next getUpdates offset, or a 2xx
   * to the webhook), and keeps undelivered updates for 24 hours.
   */
  telegram: 25 * 60 * 60_000,
  /** Bot Framework retries a delivery that failed or timed out within minutes; an hour covers them. */
  teams: 60 * 60_000,
} as const;

export class DeliveryClaims {
  constructor(
    private readonly state: ChannelState,
    /** e.g. `slack:event`; see `SCOPE_PATTERN`. */
    private readonly scope: string,
    private readonly ttlMs: number,
    private readonly logger: Logger,
  ) {}

  /**
   * True the first time `key` is seen (handle the delivery), false for a repeat (drop it). When the
   * database cannot be reached the delivery is handled: answering twice is better than not at all.
   */
  async first(key: string): Promise<boolean> {
    try {
      return await this.state.claim(this.scope, key, this.ttlMs);
    } catch (err) {
      this.logger.warn(
        { err, scope: this.scope },
        'claiming a delivery in the database failed; handling it anyway (a redelivery may be answered twice)',
      );
      return true;
    }
  }
}
