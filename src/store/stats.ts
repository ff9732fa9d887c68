/**
 * The size of the index, for `/healthz` and for deciding whether a fresh server must ingest the
 * knowledge pack first. One cheap round trip that also proves the database answers.
 */
import type pg from 'pg';

/** How much the index holds; only the active (newest) document versions count. */
export interface IndexStats {
  documents: number;
  chunks: number;
}

export async function indexStats(pool: pg.Pool): Promise<IndexStats> {
  const { rows } = await pool.query<{ documents: string; chunks: string }>(
    `SELECT (SELECT count(*) FROM documents WHERE active) AS documents,
            (SELECT count(*) FROM chunks WHERE active) AS chunks`,
  );
  const row = rows[0];
  return { documents: Number(row?.documents ?? 0), chunks: Number(row?.chunks ?? 0) };
}
