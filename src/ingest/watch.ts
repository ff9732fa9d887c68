/**
 * The server follows KUMPPANI_KNOWLEDGE_DIR while it runs: a document added or changed there is
 * ingested, one removed is forgotten, within seconds and without a restart.
 *
 * Events are gathered for a moment (an editor's save, a copied folder and `git pull` each come as
 * a burst), then handled in one run through the server's one-at-a-time queue, so a watcher run
 * never overlaps a handed-over `kumppani ingest` or another watcher run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import type { Logger } from '../kernel/log.ts';
import { formatOf } from './loaders/index.ts';
import type { IngestLimits } from './limits.ts';
import { ingestPaths, isIgnoredName, type IngestSummary } from './pipeline.ts';
import type { IndexWriter } from './types.ts';

/** Runs tasks one at a time, in the order given. */
export interface Serial {
  <T>(task: () => Promise<T>): Promise<T>;
  /** Resolves when every task given so far has finished. */
  idle(): Promise<void>;
}

export function oneAtATime(): Serial {
  let tail: Promise<unknown> = Promise.resolve();
  const run = (<T>(task: () => Promise<T>): Promise<T> => {
    const next = tail.then(task);
    tail = next.catch(() => {});
    return next;
  }) as Serial;
  run.idle = () => tail.then(() => {});
  return run;
}

const isMetaFile = (name: string): boolean => name === '_meta.yml' || /\.meta\.ya?ml$/i.test(name);

/** Editors' and office suites' working files, half-finished downloads and backups. */
function isScratchName(name: string): boolean {
  return (
    name.startsWith('~$') ||
    name.endsWith('~') ||
    /^#.*#$/.test(name) ||
    /\.(tmp|temp|swp|swo|swx|part|partial|crdownload|download|bak|orig)$/i.test(name)
  );
}

/** What a change to this path (relative to the knowledge folder) means for the index. */
export function watchedKind(relativePath: string): 'document' | 'metadata' | undefined {
  const parts = relativePath.split(/[\\/]/).filter(Boolean);
  const name = parts.pop();
  if (!name || parts.some((p) => isIgnoredName(p))) return undefined;
  if (isMetaFile(name)) return 'metadata';
  if (isIgnoredName(name) || isScratchName(name) || !formatOf(name)) return undefined;
  return 'document';
}

export interface WatchOptions {
  dir: string;
  writer: IndexWriter;
  logger: Logger;
  /** The server's queue; a fresh one when absent. */
  serial?: Serial;
  /** How long a burst of events may go quiet before it is handled (ms). */
  quietMs?: number;
  /** Sources are paths relative to this folder, as `ingestPaths` makes them (default: cwd). */
  cwd?: string;
  /** Bounds per file (`config.ingest`); the defaults when absent. */
  limits?: Partial<IngestLimits>;
  /** Called after each run, for tests and logs. */
  onRun?: (outcome: { summary?: IngestSummary; removed: string[] }) => void;
}

export interface KnowledgeWatcher {
  /** Stops watching; resolves when this watcher's queued runs have finished. */
  close(): Promise<void>;
}

type Pending = 'changed' | 'removed';

/** Starts watching `dir`; resolves once the watcher is ready. */
export async function watchKnowledgeDir(opts: WatchOptions): Promise<KnowledgeWatcher> {
  const root = path.resolve(opts.dir);
  const cwd = path.resolve(opts.cwd ?? process.cwd());
  const serial = opts.serial ?? oneAtATime();
  const quietMs = opts.quietMs ?? 500;
  const { logger, writer } = opts;
  const pending = new Map<string, Pending>();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const sourceOf = (abs: string): string => path.relative(cwd, abs).split(path.sep).join('/');

  const handle = async (batch: Map<string, Pending>): Promise<void> => {
    const changed: string[] = [];
    const removedPrefixes: string[] = [];
    for (const [abs, what] of batch) {
      if (what === 'changed' && fs.existsSync(abs)) changed.push(abs);
      else if (what === 'removed' && !fs.existsSync(abs)) removedPrefixes.push(sourceOf(abs));
    }
    let removed: string[] = [];
    if (removedPrefixes.length) {
      const sources = await writer.sources();
      removed = sources.filter((s) => removedPrefixes.some((p) => s === p || s.startsWith(`${p}/`)));
      if (removed.length) {
        await writer.remove(removed);
        await writer.finish?.();
      }
    }
    // The folder's own documents, as the start-up sync records them: it removes them once their file is gone.
    const summary = changed.length
      ? await ingestPaths(changed, writer, { logger, cwd, origin: 'knowledge-dir', limits: opts.limits })
      : undefined;
    if (removed.length || summary?.added || summary?.updated || summary?.failed.length) {
      logger.info(
        {
          added: summary?.added ?? 0,
          updated: summary?.updated ?? 0,
          removed,
          failed: summary?.failed.map((f) => f.file) ?? [],
        },
        'knowledge folder changed: index updated',
      );
    }
    opts.onRun?.({ summary, removed });
  };

  let lastRun: Promise<void> = Promise.resolve();
  const flush = (): void => {
    timer = undefined;
    if (pending.size === 0) return;
    const batch = new Map(pending);
    pending.clear();
    lastRun = serial(() => handle(batch)).catch((err: unknown) =>
      logger.error(
        { err, dir: root },
        'following the knowledge folder failed; the next change is tried again',
      ),
    );
  };

  const note = (abs: string, what: Pending): void => {
    if (closed) return;
    pending.set(abs, what);
    clearTimeout(timer);
    timer = setTimeout(flush, quietMs);
  };

  const relevant = (abs: string): ReturnType<typeof watchedKind> => watchedKind(path.relative(root, abs));
  // A metadata file applies to its whole folder: re-reading the folder is incremental.
  const onFile = (what: Pending) => (abs: string) => {
    const kind = relevant(abs);
    if (kind === 'metadata') note(path.dirname(abs), 'changed');
    else if (kind === 'document') note(abs, what);
  };

  const watcher: FSWatcher = watch(root, {
    ignoreInitial: true,
    // Below the root only: the root itself may be called anything (`./.knowledge`, `_docs`).
    ignored: (p: string) => {
      const rel = path.relative(root, p);
      return rel !== '' && rel.split(path.sep).some((part) => isIgnoredName(part) && !isMetaFile(part));
    },
    // A large PDF being copied in is ingested once, when complete, not half-written.
    awaitWriteFinish: { stabilityThreshold: 300, pollInterval: 100 },
  });
  watcher
    .on('add', onFile('changed'))
    .on('change', onFile('changed'))
    .on('unlink', onFile('removed'))
    .on('unlinkDir', (abs: string) => note(abs, 'removed'))
    .on('error', (err: unknown) => {
      const code = (err as NodeJS.ErrnoException).code;
      logger.error(
        { err, dir: root },
        code === 'ENOSPC'
          ? 'cannot follow the knowledge folder: the system limit of watched folders is reached; raise fs.inotify.max_user_watches (sysctl) and restart'
          : 'following the knowledge folder failed',
      );
    });
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  logger.info(
    { dir: root },
    'following the knowledge folder: added, changed and removed documents are indexed live',
  );

  return {
    async close() {
      closed = true;
      clearTimeout(timer);
      await watcher.close();
      await lastRun;
    },
  };
}
