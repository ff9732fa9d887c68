/**
 * State a channel keeps between platform deliveries that must outlive a process and be shared by
 * every replica on one database: which deliveries were already handled (Slack and Telegram
 * redeliver, Bot Framework retries), threads the bot answered in, button tokens, rate-limit
 * windows. The store implements it in PostgreSQL (`src/store/channel-state.ts`); the channel kit
 * (`src/channels/`) composes it; adapters reach it only through `ChannelContext.state`.
 *
 * Every entry has an expiry; nothing here is kept forever. `scope` names what the key is
 * (`slack:event`, `telegram:button`, …) and is written by the code, never by a platform: it must
 * match `SCOPE_PATTERN`. `key` may come straight from a platform (event ids, channel ids, user
 * ids): the store treats it as untrusted, stores only a keyed digest of it (no platform id is kept
 * readable, any length and any character including NUL is safe).
 */
export interface ChannelState {
  /**
   * Claims `key` in `scope` for `ttlMs`. Resolves true for exactly one caller across every process
   * and replica on the database until the claim expires; every other caller meanwhile gets false.
   * After expiry the key can be claimed again (true once more). Use it to handle a delivery once:
   * claim, and do the work only on true.
   */
  claim(scope: string, key: string, ttlMs: number): Promise<boolean>;
  /**
   * Stores `value` under `key` for `ttlMs` (replacing any value and expiry there, last writer
   * wins). Visible to `get` in every process once this resolves. `value` is short text (JSON for
   * structured data) of at most `MAX_VALUE_LENGTH` characters and without NUL.
   */
  put(scope: string, key: string, value: string, ttlMs: number): Promise<void>;
  /** The value `put` stored under `key`, or undefined when there is none or it has expired. */
  get(scope: string, key: string): Promise<string | undefined>;
  /**
   * Counts one hit on `key` in a fixed window of `windowMs` that starts at the first hit after the
   * previous window ended. Atomic across replicas: N concurrent hits yield counts 1..N, each once.
   * Resolves the count within the current window (this hit included) and the milliseconds until
   * the window ends.
   */
  hit(scope: string, key: string, windowMs: number): Promise<{ count: number; resetInMs: number }>;
}

/** What a scope may look like: lower-case words separated by `:`, `.`, `-` or `_`. */
export const SCOPE_PATTERN = /^[a-z][a-z0-9:._-]{0,63}$/;

/** The longest value `put` accepts. */
export const MAX_VALUE_LENGTH = 16_384;

/** The longest lifetime an entry may ask for; longer ones are cut to it, so the tables stay bounded. */
export const MAX_TTL_MS = 90 * 24 * 3600_000;
