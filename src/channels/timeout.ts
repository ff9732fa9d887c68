/**
 * A time limit for a platform call or an answer: the caller gets a `TimeoutError` naming what
 * took too long instead of waiting forever.
 */
import { KumppaniError } from '../kernel/errors.ts';

/** Thrown by `withTimeout` when the work did not settle in time. */
export class TimeoutError extends KumppaniError {
  constructor(
    /** What was waited for, e.g. `The assistant`. */
    readonly what: string,
    /** The limit that passed, in ms. */
    readonly ms: number,
  ) {
    super('KUMPPANI_CHANNEL_TIMEOUT', `${what} did not finish within ${ms} ms`);
  }
}

/** Settles like `promise`, or rejects with a TimeoutError after `ms`. The work itself is not cancelled. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(what, ms)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
