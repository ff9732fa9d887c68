/**
 * Answers in flight, for draining on shutdown: `close()` stops accepting new work, `drain()` waits
 * for what was started, up to a limit. Work refused after close is left to the platform, which
 * redelivers it (to this process after a restart, or to another replica).
 */
import type { Logger } from '../kernel/log.ts';

export class InFlight {
  private readonly running = new Set<Promise<void>>();
  private open = true;

  constructor(
    private readonly logger: Logger,
    /** Names the channel in log lines. */
    private readonly channel: string,
  ) {}

  /** False once `close()` was called: refuse new deliveries. */
  get accepting(): boolean {
    return this.open;
  }

  get size(): number {
    return this.running.size;
  }

  /** Starts `work` without waiting for it; a failure is logged, never thrown at the caller. */
  run(name: string, work: () => Promise<void>): void {
    void this.track(work).catch((err: unknown) => {
      this.logger.error({ err, task: name }, `${this.channel}: background task failed`);
    });
  }

  /** Runs `work` and resolves as it does, counted as in flight until it settles. */
  track<T>(work: () => Promise<T>): Promise<T> {
    const task = work();
    const settled = task.then(
      () => undefined,
      () => undefined,
    );
    this.running.add(settled);
    void settled.finally(() => this.running.delete(settled));
    return task;
  }

  /** Stops accepting new work. */
  close(): void {
    this.open = false;
  }

  /** Stops accepting and resolves when every task started so far has settled, or after `capMs`. */
  async drain(capMs: number): Promise<void> {
    this.close();
    if (this.running.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const cap = new Promise<'cap'>((resolve) => {
      timer = setTimeout(() => resolve('cap'), capMs);
      timer.unref();
    });
    const outcome = await Promise.race([
      Promise.allSettled([...this.running]).then(() => 'done' as const),
      cap,
    ]);
    clearTimeout(timer);
    if (outcome === 'cap')
      this.logger.warn(
        { pending: this.running.size, capMs },
        `${this.channel}: stopped waiting for answers in flight`,
      );
  }
}
