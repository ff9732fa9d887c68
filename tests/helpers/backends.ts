/**
 * The store's two backends for tests: the embedded PGlite, and a real PostgreSQL server when
 * KUMPPANI_TEST_DATABASE_URL names one (`eval "$(.ci/postgres.sh start)"`; `.ci/run` does it).
 *
 * On the server every `open()` gets a database of its own, created from nothing and dropped on
 * close, so test files running in parallel (vitest runs files in parallel) never see each
 * other's rows, migrations or indexes.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe } from 'vitest';
import { openDatabase, type Database, type OpenOptions } from '../../src/store/db.ts';

/** The server the tests may create databases on; its user must be allowed to (CREATEDB). */
export const SERVER_URL = process.env.KUMPPANI_TEST_DATABASE_URL || undefined;

export const NO_SERVER_MESSAGE =
  'KUMPPANI_TEST_DATABASE_URL is not set: run `eval "$(.ci/postgres.sh start)"` (PostgreSQL 15 + pgvector on 127.0.0.1) to run this against a server';

/** `url` with another database name. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * A new, empty database on the test server; `drop()` removes it (and ends whatever is still
 * connected to it). Its name says which test made it.
 */
export async function createServerDatabase(label = 'test'): Promise<{ url: string; drop(): Promise<void> }> {
  if (!SERVER_URL) throw new Error(NO_SERVER_MESSAGE);
  const name = `kumppani_${label
    .replace(/[^a-z0-9]+/gi, '_')
    .toLowerCase()
    .slice(0, 30)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(SERVER_URL, name),
    drop: async () => {
      const c = new pg.Client({ connectionString: SERVER_URL });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

export interface Backend {
  name: 'pglite' | 'postgres';
  /** False when the backend cannot run here (no server URL); `describeEachBackend` skips it. */
  available: boolean;
  /** A fresh, migrated (unless told otherwise) database of this backend; close() removes it. */
  open(opts?: Pick<OpenOptions, 'migrate'>, label?: string): Promise<Database>;
}

export const pgliteBackend: Backend = {
  name: 'pglite',
  available: true,
  open: (opts = {}) => openDatabase({ dataDir: 'memory', ...opts }),
};

export const postgresBackend: Backend = {
  name: 'postgres',
  available: SERVER_URL !== undefined,
  async open(opts = {}, label = 'store') {
    const scratch = await createServerDatabase(label);
    let db: Database;
    try {
      db = await openDatabase({ url: scratch.url, ...opts });
    } catch (err) {
      await scratch.drop().catch(() => {});
      throw err;
    }
    return {
      ...db,
      close: async () => {
        try {
          await db.close();
        } finally {
          await scratch.drop();
        }
      },
    };
  },
};

export const backends: Backend[] = [pgliteBackend, postgresBackend];

/**
 * `describe(title, …)` once per backend: "title (pglite)", "title (postgres)". The server one is
 * skipped, with the reason in its title, when there is no server to run on.
 */
export function describeEachBackend(title: string, body: (backend: Backend) => void): void {
  for (const backend of backends) {
    if (backend.available) describe(`${title} (${backend.name})`, () => body(backend));
    else describe.skip(`${title} (${backend.name}: skipped, ${NO_SERVER_MESSAGE})`, () => body(backend));
  }
}

/** `describe` for what only a server can show: skipped, with the reason in its title, without one. */
export function describeOnServer(title: string, body: () => void): void {
  if (SERVER_URL) describe(title, body);
  else describe.skip(`${title} (skipped, ${NO_SERVER_MESSAGE})`, body);
}
