/**
 * A bounded set of keys that forget themselves after a while. Used twice: Events API ids already
 * handled (Slack redelivers an event up to three times within about five minutes when it thinks
 * it was not acknowledged), and threads the bot has answered in (so that later messages in them
 * are read as follow-ups). Memory stays bounded: the oldest keys go first when full.
 */
export class ExpiringSet {
  private readonly entries = new Map<string, number>();

  constructor(
    /** How long a key is remembered after it was last added, in milliseconds. */
    private readonly ttlMs: number,
    /** The most keys kept; adding one more drops the least recently added. */
    private readonly maxSize: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Remembers `key` (again), refreshing its lifetime. */
  add(key: string): void {
    this.entries.delete(key);
    this.entries.set(key, this.now() + this.ttlMs);
    while (this.entries.size > this.maxSize) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  has(key: string): boolean {
    const expires = this.entries.get(key);
    if (expires === undefined) return false;
    if (expires <= this.now()) {
      this.entries.delete(key);
      return false;
    }
    return true;
  }

  /** Adds `key` and tells whether it is new: true the first time, false while it is remembered. */
  addIfNew(key: string): boolean {
    if (this.has(key)) return false;
    this.add(key);
    return true;
  }

  get size(): number {
    return this.entries.size;
  }
}
