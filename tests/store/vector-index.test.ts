import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/store/db.ts';
import { HNSW_BUILD, ensureVectorIndex } from '../../src/store/documents.ts';

// An index built with pgvector's defaults (recall 0.87 at 10k generated chunks) is built again with
// the project's settings at the next start, and an index of another dimension goes.
describe('the HNSW index', () => {
  let db: Database;
  const indexes = async () =>
    (
      await db.pool.query<{ name: string; options: string[] | null }>(
        `SELECT c.relname AS name, c.reloptions AS options FROM pg_class c
          WHERE c.relkind = 'i' AND c.relname LIKE 'chunks_embedding_hnsw_%' ORDER BY 1`,
      )
    ).rows;

  beforeAll(async () => {
    db = await openDatabase({ dataDir: 'memory' });
  });
  afterAll(async () => {
    await db.close();
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
});
