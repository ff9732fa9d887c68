/**
 * Answers run after Slack has been acknowledged; this keeps track of them so that `stop()` can
 * wait for answers in flight instead of cutting them off.
 */
import type { Logger } from '../../src/kernel/log.ts';

export class TaskTracker {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  /** Starts `work` without waiting for it; a failure is logged, never thrown at the caller. */
  run(name: string, work: () => Promise<void>): void {
    const task = work()
      .catch((err: unknown) => {
        this.logger.error({ err, task: name }, 'Slack: background task failed');
      })
      .finally(() => {
        this.running.delete(task);
      });
    this.running.add(task);
  }

  /** Resolves when every task started so far has finished, or after `timeoutMs`. */
  async drain(timeoutMs: number): Promise<void> {
    if (this.running.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
      timer.unref();
    });
    await Promise.race([Promise.allSettled([...this.running]), timeout]);
    clearTimeout(timer);
  }

  get size(): number {
    return this.running.size;
  }
}
