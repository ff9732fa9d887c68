/**
 * Privacy retention: message texts (questions, condensed queries, feedback comments, remembered
 * turns) are deleted after KUMPPANI_RETENTION_DAYS; the rows stay so that counts survive. Runs at
 * start and then daily on an unref'd timer (it never keeps a process alive), and is callable
 * directly.
 */
import type { Logger } from '../kernel/log.ts';
import type { DialogueStores } from '../kernel/ports.ts';

type Purgeable = Pick<DialogueStores, 'sessions' | 'queryLog' | 'feedback'>;

export interface RetentionResult {
  questions: number;
  comments: number;
  sessions: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Deletes texts older than `days` before `now`. */
export async function purgeExpiredTexts(
  stores: Purgeable,
  days: number,
  now = new Date(),
): Promise<RetentionResult> {
  const cutoff = new Date(now.getTime() - days * DAY_MS);
  return {
    questions: await stores.queryLog.purgeTexts(cutoff),
    comments: await stores.feedback.purgeTexts(cutoff),
    sessions: await stores.sessions.purgeTexts(cutoff),
  };
}

export interface RetentionJob {
  /** Runs the purge now (also what the timer calls). */
  runNow(): Promise<RetentionResult | undefined>;
  /** Stops the timer and waits for a run in progress (so the pool can close after it). */
  stop(): Promise<void>;
}

/** Starts the daily job; the first run happens right away, in the background. */
export function startRetentionJob(
  stores: Purgeable,
  days: number,
  logger: Logger,
  intervalMs = DAY_MS,
): RetentionJob {
  let running: Promise<RetentionResult | undefined> | undefined;
  const runNow = () => {
    running ??= purgeExpiredTexts(stores, days)
      .then((r) => {
        if (r.questions || r.comments || r.sessions)
          logger.info({ ...r, days }, 'retention: deleted expired message texts');
        return r;
      })
      .catch((err: unknown) => {
        logger.error({ err }, 'retention job failed; it runs again on the next interval');
        return undefined;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const timer = setInterval(() => void runNow(), intervalMs);
  timer.unref();
  const first = setTimeout(() => void runNow(), 0);
  first.unref();
  return {
    runNow,
    async stop() {
      clearInterval(timer);
      clearTimeout(first);
      await running;
    },
  };
}
