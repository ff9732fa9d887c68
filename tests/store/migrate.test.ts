import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/store/db.ts';
import { listMigrations, migrate } from '../../src/store/migrate.ts';
import { lexicalIndexes } from '../../src/store/search.ts';
import { createServerDatabase, describeEachBackend, describeOnServer } from '../helpers/backends.ts';

describeEachBackend('the migrations', (backend) => {
  let db: Database;
  beforeAll(async () => {
    db = await backend.open({}, 'migrate');
  });
  afterAll(async () => {
    await db?.close();
  });

  it('are applied once and give pgvector and the Finnish text search config', async () => {
    expect(db.kind).toBe(backend.name);
    expect(await migrate(db.pool)).toEqual([]);
    const applied = await db.pool.query<{ name: string }>(
      'SELECT name FROM schema_migrations ORDER BY version',
    );
    expect(applied.rows.map((r) => r.name)).toEqual(listMigrations().map((m) => m.name));
    const { rows } = await db.pool.query<{ v: string; ts: string }>(
      `SELECT '[1,2,3]'::vector <=> '[1,2,4]'::vector AS v, to_tsvector('finnish', 'avustukset')::text AS ts`,
    );
    expect(Number(rows[0]!.v)).toBeGreaterThan(0);
    expect(rows[0]!.ts).toContain('avustuks');
    const tables = await db.pool.query(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`,
    );
    expect(tables.rows.map((r) => r.tablename)).toEqual(
      expect.arrayContaining(['documents', 'chunks', 'settings', 'sessions', 'query_log', 'feedback']),
    );
  });

  it('give the BM25 indexes where pg_textsearch can be loaded, and none (the GIN fallback) where not', async () => {
    const { rows } = await db.pool.query(
      `SELECT 1 FROM pg_available_extensions WHERE name = 'pg_textsearch'`,
    );
    const available = rows.length > 0;
    // The embedded database has it; Debian's PostgreSQL 15 has not (it needs 17).
    expect(available).toBe(backend.name === 'pglite');
    expect(await lexicalIndexes(db.pool)).toEqual({ terms: available, text: available });
  });

  it("give the search filter's list of documents with `covers` an index, not a scan of every document", async () => {
    const client = await db.pool.connect();
    try {
      await client.query('BEGIN');
      // The test database is tiny, where a scan is cheapest; with scans priced out the planner
      // shows whether an index can give the list.
      await client.query('SET LOCAL enable_seqscan = off');
      const plan = await client.query(
        `EXPLAIN SELECT id FROM documents WHERE covers IS NOT NULL AND NOT 'koivula' = ANY (covers)`,
      );
      expect(plan.rows.map((r) => String(r['QUERY PLAN'])).join('\n')).toContain('documents_covers');
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });
});

// Replicas starting together on one server: the advisory lock lets one apply the migrations while
// the others wait, and then find nothing left to do. (The embedded database has one connection.)
describeOnServer('the migrations on a server, from several processes at once', () => {
  it('are applied once, by one of them, and none fails', async () => {
    const scratch = await createServerDatabase('migrate_race');
    const dbs: Database[] = [];
    try {
      for (let i = 0; i < 4; i++) dbs.push(await openDatabase({ url: scratch.url, migrate: false }));
      const applied = await Promise.all(dbs.map((d) => migrate(d.pool)));
      const all = listMigrations().map((m) => m.version);
      expect(applied.flat().sort((a, b) => a - b)).toEqual(all);
      expect(applied.filter((a) => a.length > 0)).toHaveLength(1);
    } finally {
      for (const d of dbs) await d.close();
      await scratch.drop();
    }
  });
});
