/**
 * Files are read in worker threads with a bounded heap and a time limit, so that a hostile file
 * (a zip bomb whose sizes lie, a parse that never ends) costs one `failed:` line instead of the
 * process: a thread that runs out of memory or time is terminated and replaced, and the next file
 * gets a fresh one. Threads start when the first file needs reading (an ingest of unchanged files
 * starts none), are reused by later runs (a watcher's sync of one changed file does not pay a
 * thread's start again) and stop after a while idle. An idle thread does not keep the process alive.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ParseJob, ParseOutcome } from './parse.ts';
import { siblingModule } from '../kernel/paths.ts';

const ENTRY = siblingModule('./parse-worker.ts', import.meta.url);
/** Loading the loaders (pdf.js, mammoth, cheerio) in a new thread; generous for a loaded machine. */
const START_TIMEOUT_MS = 60_000;
/** An idle thread holds pdf.js, mammoth and cheerio in memory: it goes after this long unused. */
const IDLE_MS = 30_000;

/**
 * The sources are TypeScript run through tsx. A thread does not inherit the loader that
 * bin/kumppani.js registered in the main thread (nor vitest's), so it registers its own first,
 * through tsx's ESM API as bin/kumppani.js does.
 */
function startWorker(memoryMb: number): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: memoryMb };
  if (!ENTRY.pathname.endsWith('.ts')) return new Worker(ENTRY, { resourceLimits });
  const code = `const { register } = await import(${JSON.stringify(tsxApi())});\nregister();\nawait import(${JSON.stringify(ENTRY.href)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`), { resourceLimits });
}

/** `tsx/esm/api` as an ESM file URL (require.resolve would give its CommonJS twin). */
function tsxApi(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('tsx/package.json');
  const exports = (require(manifest) as { exports: Record<string, { import: { default: string } }> }).exports;
  return pathToFileURL(join(dirname(manifest), exports['./esm/api']!.import.default)).href;
}

interface Thread {
  worker: Worker;
  idleTimer?: NodeJS.Timeout;
}

export class ParsePool {
  private readonly idle: Thread[] = [];
  private readonly all = new Set<Worker>();
  private readonly waiting: Array<() => void> = [];
  private live = 0;
  private closed = false;

  constructor(
    private readonly limits: { timeoutMs: number; memoryMb: number },
    private readonly size: number,
  ) {}

  private start(): Promise<Thread> {
    const worker = startWorker(this.limits.memoryMb);
    this.all.add(worker);
    const thread: Thread = { worker };
    // A thread that dies while idle (nothing runs in it, but still) leaves the pool quietly.
    worker.on('error', () => undefined);
    worker.on('exit', () => {
      const i = this.idle.indexOf(thread);
      if (i >= 0) {
        this.idle.splice(i, 1);
        this.all.delete(worker);
        this.live--;
      }
    });
    return new Promise((resolve, reject) => {
      const off = (): void => {
        clearTimeout(timer);
        worker.off('message', onMessage).off('error', fail).off('exit', onExit);
      };
      const fail = (err: Error): void => {
        off();
        this.all.delete(worker);
        void worker.terminate();
        reject(err);
      };
      const onMessage = (m: unknown): void => {
        if (m !== 'ready') return fail(new Error(`it sent ${JSON.stringify(m)} before it was ready`));
        off();
        resolve(thread);
      };
      const onExit = (code: number): void => fail(new Error(`it exited with code ${code} while starting`));
      const timer = setTimeout(
        () => fail(new Error(`it did not start within ${START_TIMEOUT_MS / 1000} s`)),
        START_TIMEOUT_MS,
      );
      worker.on('message', onMessage).on('error', fail).on('exit', onExit);
    });
  }

  private async acquire(): Promise<Thread> {
    for (;;) {
      const idle = this.idle.pop();
      if (idle) {
        clearTimeout(idle.idleTimer);
        idle.worker.ref();
        return idle;
      }
      if (this.live < this.size) {
        this.live++;
        try {
          return await this.start();
        } catch (err) {
          this.live--;
          throw err;
        }
      }
      await new Promise<void>((wake) => this.waiting.push(wake));
    }
  }

  /** A thread back to the pool, or none when it was terminated: either way the next job may go. */
  private release(thread: Thread | undefined): void {
    if (thread) {
      thread.worker.unref();
      thread.idleTimer = setTimeout(() => this.retire(thread), IDLE_MS).unref();
      this.idle.push(thread);
    } else this.live--;
    this.waiting.shift()?.();
  }

  private retire(thread: Thread): void {
    const i = this.idle.indexOf(thread);
    if (i < 0) return;
    this.idle.splice(i, 1);
    this.all.delete(thread.worker);
    this.live--;
    void thread.worker.terminate();
  }

  /** Reads one file in a thread. Never rejects: every failure is an outcome with a reason. */
  async run(job: ParseJob): Promise<ParseOutcome> {
    if (this.closed) return { ok: false, reason: 'not read: the ingest run was stopped', notes: [] };
    let thread: Thread;
    try {
      thread = await this.acquire();
    } catch (err) {
      return {
        ok: false,
        reason: `could not start a thread to read it (${(err as Error).message}); try again, or free memory`,
        notes: [],
      };
    }
    const { worker } = thread;
    const { timeoutMs, memoryMb } = this.limits;
    return new Promise((resolve) => {
      let settled = false;
      const finish = (outcome: ParseOutcome, broken: boolean): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        if (broken) {
          this.all.delete(worker);
          void worker.terminate();
        }
        this.release(broken ? undefined : thread);
        resolve(outcome);
      };
      const failure = (reason: string): ParseOutcome => ({ ok: false, reason, notes: [] });
      const onMessage = (outcome: ParseOutcome): void => finish(outcome, false);
      const onError = (err: Error & { code?: string }): void =>
        finish(
          failure(
            err.code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? `reading needed more than ${memoryMb} MB of memory (KUMPPANI_INGEST_MEMORY_MB): given up. Split the file, or raise the limit`
              : `the reader failed: ${err.message}`,
          ),
          true,
        );
      const onExit = (code: number): void =>
        finish(failure(`the reader stopped unexpectedly (exit code ${code})`), true);
      const timer = setTimeout(
        () =>
          finish(
            failure(
              `reading took longer than ${formatSeconds(timeoutMs)} (KUMPPANI_INGEST_TIMEOUT_MS): given up. Split the file, or raise the limit`,
            ),
            true,
          ),
        timeoutMs,
      );
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      worker.postMessage(job);
    });
  }

  /** Stops every thread, busy or idle; their files fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.idle) clearTimeout(t.idleTimer);
    const workers = [...this.all];
    this.all.clear();
    this.idle.length = 0;
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

const formatSeconds = (ms: number): string => (ms < 10_000 ? `${ms / 1000} s` : `${Math.round(ms / 1000)} s`);

const shared = new Map<string, ParsePool>();

/** The process' pool for these limits, shared by every ingest run. */
export function sharedParsePool(limits: { timeoutMs: number; memoryMb: number }, size: number): ParsePool {
  const key = `${limits.timeoutMs}:${limits.memoryMb}:${size}`;
  let pool = shared.get(key);
  if (!pool) {
    pool = new ParsePool({ timeoutMs: limits.timeoutMs, memoryMb: limits.memoryMb }, size);
    shared.set(key, pool);
  }
  return pool;
}
