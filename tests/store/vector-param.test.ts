import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/store/db.ts';
import { replaceDocuments, updateComputed } from '../../src/store/documents.ts';
import { describeEachBackend } from '../helpers/backends.ts';

// Vectors go to the database in binary; what is stored must be what the text literal gave, or
// similarity scores (and so search results) would move.
describeEachBackend('chunk vectors', (backend) => {
  let db: Database;
  beforeAll(async () => {
    db = await backend.open({}, 'vector_param');
  });
  afterAll(async () => {
    await db?.close();
  });

  const stored = async () =>
    (
      await db.pool.query<{ ord: number; same: boolean; v: string }>(
        `SELECT c.ord, c.embedding = $1::vector AS same, c.embedding::text AS v FROM chunks c ORDER BY c.ord`,
        [`[${given[0]!.join(',')}]`],
      )
    ).rows;
  const given = [
    [0, -0.0234, 0.12169, 1e-7, -3.4e38, 0.1 + 0.2],
    [1, 2, 3, 4, 5, 6],
  ];
  const chunk = (ord: number, embedding: number[]) => ({
    ord,
    text: `osa ${ord}`,
    language: 'fi' as const,
    embedding,
    termCounts: { osa: 1 },
    ftsText: `osa ${ord}`,
  });

  it('are stored as their text literal would store them, and kept when only the terms are analysed again', async () => {
    await replaceDocuments(db.pool, [
      {
        doc: {
          source: 'v.md',
          docKey: 'v',
          title: 'V',
          audience: 'public',
          language: 'fi',
          topics: [],
          format: 'markdown',
          contentHash: 'h',
        },
        chunks: given.map((e, i) => chunk(i, e)),
      },
    ]);
    const before = await stored();
    expect(before[0]!.same).toBe(true);
    const literal = await db.pool.query<{ v: string }>('SELECT $1::vector::text AS v', [
      `[${given[1]!.join(',')}]`,
    ]);
    expect(before[1]!.v).toBe(literal.rows[0]!.v);

    const ids = (await db.pool.query<{ id: string }>('SELECT id FROM chunks ORDER BY ord')).rows.map((r) =>
      Number(r.id),
    );
    await updateComputed(db.pool, ids, undefined, [{ uusi: 1 }, { uusi: 1 }]);
    expect(await stored()).toEqual(before);
    await updateComputed(db.pool, ids, [given[1]!, given[0]!], [{ uusi: 1 }, { uusi: 1 }]);
    const swapped = await stored();
    expect(swapped.map((r) => r.v)).toEqual([before[1]!.v, before[0]!.v]);
  });
});
