import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/store/db.ts';
import { HNSW_BUILD, ensureVectorIndex } from '../../src/store/documents.ts';
import { describeEachBackend } from '../helpers/backends.ts';

// An index built with pgvector's defaults (recall 0.87 at 10k generated chunks) is built again with
// the project's settings at the next start, and an index of another dimension goes.
describeEachBackend('the HNSW index', (backend) => {
  let db: Database;
  const indexes = async () =>
    (
      await db.pool.query<{ name: string; options: string[] | null }>(
        `SELECT c.relname AS name, c.reloptions AS options FROM pg_class c
          WHERE c.relkind = 'i' AND c.relname LIKE 'chunks_embedding_hnsw_%' ORDER BY 1`,
      )
    ).rows;

  beforeAll(async () => {
    db = await backend.open({}, 'hnsw');
  });
  afterAll(async () => {
    await db?.close();
  });

  it('is rebuilt when it was built with other settings or for another dimension', async () => {
    await db.pool.query(
      `CREATE INDEX chunks_embedding_hnsw_8 ON chunks USING hnsw ((embedding::vector(8)) vector_cosine_ops) WITH (m = 16, ef_construction = 64)`,
    );
    await db.pool.query(
      `CREATE INDEX chunks_embedding_hnsw_4 ON chunks USING hnsw ((embedding::vector(4)) vector_cosine_ops)`,
    );
    await ensureVectorIndex(db.pool, 8);
    const after = await indexes();
    expect(after.map((i) => i.name)).toEqual(['chunks_embedding_hnsw_8']);
    expect(after[0]!.options).toEqual([`m=${HNSW_BUILD.m}`, `ef_construction=${HNSW_BUILD.efConstruction}`]);
    expect(HNSW_BUILD.efConstruction).toBeGreaterThan(64);

    // Built as wanted: left alone (a rebuild at 100k chunks takes minutes).
    const oid = async () =>
      (await db.pool.query(`SELECT 'chunks_embedding_hnsw_8'::regclass::oid AS oid`)).rows[0].oid;
    const before = await oid();
    await ensureVectorIndex(db.pool, 8);
    expect(await oid()).toBe(before);
  });

  it('keeps the old index when the new one cannot be built', async () => {
    // The embedder went from 3 to 8 dimensions, and one chunk still has a 3-dimensional vector:
    // the new build fails halfway.
    await db.pool.query('DROP INDEX chunks_embedding_hnsw_8');
    await db.pool.query(
      `CREATE INDEX chunks_embedding_hnsw_3 ON chunks USING hnsw ((embedding::vector(3)) vector_cosine_ops)`,
    );
    const doc = await db.pool.query<{ id: string }>(
      `INSERT INTO documents (source, doc_key, title, language, format, content_hash)
       VALUES ('x.md', 'x', 'X', 'fi', 'markdown', 'h') RETURNING id`,
    );
    await db.pool.query(
      `INSERT INTO chunks (document_id, ord, text, language, audience, embedding, fts, terms)
       VALUES ($1, 0, 'x', 'fi', 'public', '[1,2,3]', ''::tsvector, ''::tsvector)`,
      [doc.rows[0]!.id],
    );
    await expect(ensureVectorIndex(db.pool, 8)).rejects.toThrow(/dimensions/);
    expect((await indexes()).map((i) => i.name)).toEqual(['chunks_embedding_hnsw_3']);
    await db.pool.query('DELETE FROM documents');
    await ensureVectorIndex(db.pool, 8);
    expect((await indexes()).map((i) => i.name)).toEqual(['chunks_embedding_hnsw_8']);
  });
});

describe('the HNSW index build', () => {
  it("is built without the pool's statement timeout, which a server build at 100k chunks outlasts", async () => {
    // A server connection as PostgreSQL behaves: the session's 30 s timeout cancels a long build
    // unless the transaction lifted it (the embedded database does not enforce timeouts at all).
    const statements: string[] = [];
    let local: string | undefined;
    const client = {
      query: async (sql: string) => {
        statements.push(sql.trim().split(/\s+/).slice(0, 2).join(' '));
        if (/^SET LOCAL statement_timeout = 0/.test(sql)) local = '0';
        if (/^(COMMIT|ROLLBACK)/.test(sql)) local = undefined;
        if (/^CREATE INDEX/.test(sql) && local !== '0')
          throw new Error('canceling statement due to statement timeout');
        if (/pg_indexes/.test(sql)) return stale;
        if (/count\(\*\)/.test(sql)) return { rows: [{ n: '100' }] };
        if (/pg_settings/.test(sql)) return { rows: [{ mb: '64' }] };
        return { rows: [] };
      },
      release: () => {},
    };
    const stale = {
      rows: [{ indexname: 'chunks_embedding_hnsw_8', options: ['m=16', 'ef_construction=64'] }],
    };
    const pool = { query: async () => stale, connect: async () => client } as unknown as pg.Pool;
    await ensureVectorIndex(pool, 8);
    expect(statements.filter((s) => !s.startsWith('SELECT'))).toEqual([
      'BEGIN',
      'SET LOCAL',
      'DROP INDEX',
      'CREATE INDEX',
      'COMMIT',
    ]);
  });
});
