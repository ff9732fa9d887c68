/**
 * One SQL code path: a `pg.Pool` either to a real PostgreSQL (DATABASE_URL) or to an embedded
 * PGlite (real PostgreSQL in WASM) with pgvector, through PGlite's node-postgres bridge.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { vector } from '@electric-sql/pglite-pgvector';
import { pg_textsearch } from '@electric-sql/pglite-pg_textsearch';
import { acquireLock, type DataDirLock } from './lock.ts';
import { batchedProtocol } from './pglite-batch.ts';
import { migrate } from './migrate.ts';
import { KumppaniError } from '../kernel/errors.ts';

export type Pool = pg.Pool;

export interface Database {
  pool: pg.Pool;
  /** `pglite` for the embedded default, `postgres` for a server. */
  kind: 'pglite' | 'postgres';
  /** Where the data lives: a directory, `memory`, or the server URL with the password hidden. */
  location: string;
  /** The embedded database's directory and its one-writer lock (absent in memory and for a server). */
  dataDir?: { path: string; lock: DataDirLock };
  /** The embedded database's files as a tarball (`kumppani backup`); absent for a server. */
  dump?(): Promise<Blob>;
  close(): Promise<void>;
}

export interface OpenOptions {
  url?: string;
  /** Directory for the embedded database, or `memory` for an in-memory one. */
  dataDir?: string;
  /** Apply migrations (default true). */
  migrate?: boolean;
  /** Statement timeout for server connections, ms. */
  statementTimeoutMs?: number;
  /**
   * Fill the embedded database from this tarball (`kumppani restore`). Refused when the directory
   * already holds a database, unless `replace`.
   */
  restoreFrom?: Blob;
  replace?: boolean;
}

/** The embedded database's directory, or undefined for a server or an in-memory database. */
export function embeddedDataDir(opts: Pick<OpenOptions, 'url' | 'dataDir'>): string | undefined {
  const dir = opts.dataDir ?? './data';
  return opts.url || dir === 'memory' || dir === 'memory://' ? undefined : path.resolve(dir);
}

/** Thrown when the database cannot be opened or reached. */
export class DatabaseUnavailableError extends KumppaniError {
  constructor(message: string, cause?: unknown) {
    super('KUMPPANI_DATABASE_UNAVAILABLE', message, { cause });
  }
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}

/**
 * Filtered HNSW scans keep going until enough rows pass the filter (pgvector >= 0.8), and a larger
 * candidate list keeps recall high. Older pgvector ignores what it does not know.
 */
const HNSW_SETTINGS: Array<[string, string]> = [
  ['hnsw.ef_search', '100'],
  ['hnsw.iterative_scan', 'relaxed_order'],
  // The search's statement is prepared once (parsed once, no Describe) but still planned for its
  // values every time: a generic plan cannot tell a municipality's few chunks from all of them,
  // and may take the approximate HNSW path where the values' own plan scans exactly.
  ['plan_cache_mode', 'force_custom_plan'],
];

/**
 * Makes room for a restore. The database it replaces is moved aside, not deleted, until the
 * backup has loaded: a damaged backup must not cost the database it was meant to replace.
 * Returns where the old one went.
 */
function prepareRestore(pgDir: string, replace: boolean): string | undefined {
  const present = fs.existsSync(pgDir) && fs.readdirSync(pgDir).length > 0;
  if (!present) return undefined;
  if (!replace) {
    throw new DatabaseUnavailableError(
      `${pgDir} already holds a database. Restore into an empty KUMPPANI_DATA_DIR, or add --force to replace it ` +
        '(take a `kumppani backup` of it first if you may need it).',
    );
  }
  const aside = `${pgDir}.replaced-${Date.now()}`;
  fs.renameSync(pgDir, aside);
  return aside;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  let db: Database;
  if (opts.url) {
    const pool = new pg.Pool({
      connectionString: opts.url,
      options: HNSW_SETTINGS.map(([k, v]) => `-c ${k}=${v}`).join(' '),
      max: 10,
      connectionTimeoutMillis: 10_000,
      statement_timeout: opts.statementTimeoutMs ?? 30_000,
    });
    // An idle client losing its server connection must not crash the process.
    pool.on('error', () => {});
    try {
      const c = await pool.connect();
      c.release();
    } catch (err) {
      await pool.end().catch(() => {});
      throw new DatabaseUnavailableError(
        `Cannot connect to PostgreSQL at ${redactUrl(opts.url)}: ${(err as Error).message}. ` +
          'Check DATABASE_URL, or unset it to use the embedded database.',
        err,
      );
    }
    db = { pool, kind: 'postgres', location: redactUrl(opts.url), close: () => pool.end() };
  } else {
    const dir = embeddedDataDir(opts);
    let dataDir: string | undefined;
    let lock: DataDirLock | undefined;
    let replaced: string | undefined;
    if (dir) {
      // Throws DataDirLockedError, naming the holder, before PGlite touches a file.
      lock = acquireLock(dir);
      dataDir = path.join(dir, 'pglite');
      try {
        if (opts.restoreFrom) replaced = prepareRestore(dataDir, opts.replace ?? false);
      } catch (err) {
        lock.release();
        throw err;
      }
      fs.mkdirSync(dataDir, { recursive: true });
    } else if (opts.restoreFrom) {
      throw new DatabaseUnavailableError(
        'Restoring needs a data directory: set KUMPPANI_DATA_DIR to one (not `memory`).',
      );
    }
    let lite: PGlite;
    try {
      lite = await PGlite.create({
        dataDir,
        loadDataDir: opts.restoreFrom,
        extensions: { vector, pg_textsearch },
      });
      if (replaced) fs.rmSync(replaced, { recursive: true, force: true });
    } catch (err) {
      if (opts.restoreFrom && dataDir) {
        fs.rmSync(dataDir, { recursive: true, force: true });
        if (replaced) fs.renameSync(replaced, dataDir);
      }
      lock?.release();
      throw new DatabaseUnavailableError(
        opts.restoreFrom
          ? `Cannot restore the backup into ${dataDir}: ${(err as Error).message}. ` +
              'Is the file a `kumppani backup` tarball (.tar.gz)? The data directory was left as it was.'
          : `Cannot open the embedded database in ${dataDir ?? 'memory'}: ${(err as Error).message}. ` +
              'Restore it from a backup (`kumppani restore FILE`), or set KUMPPANI_DATA_DIR to another directory.',
        err,
      );
    }
    for (const [k, v] of HNSW_SETTINGS) await lite.query(`SET ${k} = ${v}`).catch(() => {});
    // PGlite is a single connection; the bridge says poolSize = 1 and queues the rest. Its
    // messages reach PGlite a statement at a time (pglite-batch.ts; the bridge calls only
    // waitReady and execProtocolStream, which is all the batching object has).
    const pool = new pg.Pool({ ...createPgConfig(batchedProtocol(lite) as PGlite), max: 1 } as pg.PoolConfig);
    pool.on('error', () => {});
    db = {
      pool,
      kind: 'pglite',
      location: dataDir ?? 'memory',
      dataDir: dir && lock ? { path: dir, lock } : undefined,
      dump: () => lite.dumpDataDir('gzip'),
      close: async () => {
        try {
          await pool.end();
          await lite.close();
        } finally {
          lock?.release();
        }
      },
    };
  }
  if (opts.migrate !== false) {
    try {
      await migrate(db.pool);
    } catch (err) {
      await db.close().catch(() => {});
      throw err;
    }
  }
  return db;
}
