/**
 * The knowledge folder (KUMPPANI_KNOWLEDGE_DIR) is the source of truth: at every start (with
 * KUMPPANI_AUTO_INGEST on) the index is brought in step with it. Unchanged files are skipped by
 * their content hash, so a start with nothing new costs a folder walk (about 0.1 s on the demo
 * pack); a first start that was killed halfway goes on where it stopped.
 *
 * What the sync removes:
 * - documents it put in itself (origin `knowledge-dir`) that the folder no longer holds: a file
 *   deleted, or the whole demo pack once the folder points at a municipality's own documents; a
 *   file under the folder the last sync read counts as the folder's however it was added (a live
 *   watcher's, or an operator's `kumppani ingest knowledge/x.md`);
 * - documents added with `kumppani ingest OTHERDIR` (origin `cli`) only when their file is gone.
 * Nothing is removed when the folder is missing or holds no documents at all (an unmounted share
 * must not empty the index); `kumppani ingest DIR --prune` empties it on purpose.
 */
import { stat } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import type { Config } from '../config.ts';
import type { Logger } from '../kernel/log.ts';
import type { Database } from '../store/db.ts';
import { documentOrigins, getSetting, setOrigin, setSetting } from '../store/documents.ts';
import type { IngestLimits } from './limits.ts';
import { ingestPaths, type IngestSummary } from './pipeline.ts';
import type { IndexWriter } from './types.ts';

/** What the sync needs of the application's services (`createServices` gives all of it). */
export interface SyncServices {
  config: Pick<Config, 'knowledgeDir' | 'autoIngest'> & { ingest?: Partial<IngestLimits> };
  db: Pick<Database, 'pool'>;
  writer: IndexWriter;
  logger: Logger;
}

export interface SyncOptions {
  /** Called after each document the sync looked at. */
  onProgress?: (done: number, total: number, file: string) => void;
  /** Sources are relative to this folder, as for `kumppani ingest` (default: the current directory). */
  cwd?: string;
}

/** Settings key: the absolute folder the last sync read. */
const SYNCED_DIR = 'knowledge_dir_synced';

/** One sync at a time per database: a watcher's and an admin request's sync must not interleave. */
const running = new WeakMap<object, Promise<unknown>>();

/**
 * Brings the index in step with `config.knowledgeDir` (see the module comment for what it adds and
 * removes) and logs what changed. Always syncs, whatever `autoIngest` says; calls for one database
 * run one after another. `summary.removed` lists what the sync removed.
 */
export async function syncKnowledgeDir(
  services: SyncServices,
  opts: SyncOptions = {},
): Promise<IngestSummary> {
  const key = services.db.pool;
  const previous = running.get(key) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => sync(services, opts));
  running.set(key, next);
  try {
    return await next;
  } finally {
    if (running.get(key) === next) running.delete(key);
  }
}

async function sync(services: SyncServices, opts: SyncOptions): Promise<IngestSummary> {
  const { config, db, writer, logger } = services;
  const dir = config.knowledgeDir;
  let found: readonly string[] = [];
  const summary = await ingestPaths([dir], writer, {
    origin: 'knowledge-dir',
    logger,
    onProgress: opts.onProgress,
    onCollected: (sources) => (found = sources),
    ...(opts.cwd ? { cwd: opts.cwd } : {}),
    ...(config.ingest ? { limits: config.ingest } : {}),
  });
  // An unchanged file the operator once ingested by hand is the folder's now.
  await setOrigin(db.pool, found, 'knowledge-dir');

  const folderMissing = summary.failed.some((f) => f.reason.startsWith('no such file or folder'));
  if (folderMissing || found.length === 0) {
    logger.warn(
      { dir },
      folderMissing
        ? 'the knowledge folder does not exist: nothing indexed from it was removed. Check KUMPPANI_KNOWLEDGE_DIR'
        : 'the knowledge folder holds no documents: nothing indexed from it was removed. To empty the index, run `kumppani ingest EMPTY_FOLDER --prune`',
    );
  } else {
    const present = new Set(found);
    const before = await getSetting(db.pool, SYNCED_DIR);
    const inBefore = (path: string | null): boolean => {
      const rel = before && path !== null ? relative(before, path) : '..';
      return rel !== '' && !rel.startsWith('..') && !rel.startsWith(sep);
    };
    const gone: string[] = [];
    for (const doc of await documentOrigins(db.pool)) {
      if (present.has(doc.source)) continue;
      if (
        doc.origin === 'knowledge-dir' ||
        inBefore(doc.filePath) ||
        (doc.filePath !== null && (await isGone(doc.filePath)))
      )
        gone.push(doc.source);
    }
    if (gone.length) {
      await writer.remove(gone);
      await writer.finish?.();
      summary.removed.push(...gone);
    }
    await setSetting(db.pool, SYNCED_DIR, resolve(opts.cwd ?? process.cwd(), dir));
  }
  const changes = {
    dir,
    added: summary.added,
    updated: summary.updated,
    unchanged: summary.unchanged,
    removed: summary.removed.length,
    failed: summary.failed.length,
  };
  if (summary.removed.length)
    logger.info({ dir, removed: summary.removed }, 'removed documents the knowledge folder no longer holds');
  logger.info(changes, 'knowledge folder synced');
  return summary;
}

async function isGone(path: string): Promise<boolean> {
  try {
    await stat(path);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

/**
 * At start: syncs the knowledge folder when `autoIngest` is on (undefined when it is off).
 * `serve`, `chat` and `eval FILE` call this.
 */
export async function syncKnowledgeAtStart(
  services: SyncServices,
  onProgress?: (done: number, total: number, file: string) => void,
): Promise<IngestSummary | undefined> {
  if (!services.config.autoIngest) return undefined;
  return syncKnowledgeDir(services, { onProgress });
}

/**
 * The name the start-up callers still use: now the start-up sync, returning its summary only when
 * it changed or failed something (callers print "N documents indexed" when given one).
 */
export async function ingestKnowledgeIfEmpty(
  services: SyncServices,
  onProgress?: (done: number, total: number, file: string) => void,
): Promise<IngestSummary | undefined> {
  const s = await syncKnowledgeAtStart(services, onProgress);
  return s && (s.added || s.updated || s.removed.length || s.failed.length) ? s : undefined;
}
