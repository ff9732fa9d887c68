import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/store/db.ts';
import { migrate } from '../../src/store/migrate.ts';

describe('embedded database', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase({ dataDir: 'memory' });
  });
  afterAll(async () => {
    await db.close();
  });

  it('applies the migrations once and has pgvector and the Finnish text search config', async () => {
    expect(await migrate(db.pool)).toEqual([]);
    const { rows } = await db.pool.query<{ v: string; ts: string }>(
      `SELECT '[1,2,3]'::vector <=> '[1,2,4]'::vector AS v, to_tsvector('finnish', 'avustukset')::text AS ts`,
    );
    expect(Number(rows[0]!.v)).toBeGreaterThan(0);
    expect(rows[0]!.ts).toContain('avustuks');
    const tables = await db.pool.query(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`,
    );
    expect(tables.rows.map((r) => r.tablename)).toEqual(
      expect.arrayContaining(['documents', 'chunks', 'settings']),
    );
  });
});
