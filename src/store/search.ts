/**
 * Search queries over chunks: vector (HNSW, cosine), exact vector scan (for recall measurements),
 * lexical over Kumppani's analysed terms, and the language's own stemmed full text.
 */
import type pg from 'pg';

export interface SearchFilter {
  audience: 'public' | 'staff';
  /** A municipality's own chunks plus region-wide ones; null = all municipalities. */
  municipality: string | null;
  /** Only chunks of a municipality (no region-wide ones). */
  municipalityOnly?: boolean;
  language: 'fi' | 'sv' | 'en' | null;
}

export interface RankedId {
  id: number;
  score: number;
}

// $1..$4 are the filter parameters in every query below, in this order.
const FILTER = `c.active
  AND ($1::text = 'staff' OR c.audience = 'public')
  AND ($2::text IS NULL OR lower(c.municipality) = lower($2::text) OR (c.municipality IS NULL AND NOT $3::boolean))
  AND ($4::text IS NULL OR c.language = $4::text)`;

function filterParams(f: SearchFilter): unknown[] {
  return [f.audience, f.municipality, !!f.municipalityOnly, f.language];
}

function checkDims(dims: number): number {
  if (!Number.isInteger(dims) || dims < 1 || dims > 16000)
    throw new Error(`invalid vector dimension ${dims}`);
  return dims;
}

/** Nearest chunks by cosine distance; `d` is a validated dimension (see checkDims). */
function nearestQuery(
  db: pg.Pool | pg.PoolClient,
  d: number,
  vector: number[],
  f: SearchFilter,
  limit: number,
) {
  return db.query<{ id: string; score: number }>(
    `SELECT c.id, 1 - (c.embedding::vector(${d}) <=> $5::vector(${d})) AS score
     FROM chunks c WHERE ${FILTER}
     ORDER BY c.embedding::vector(${d}) <=> $5::vector(${d}) LIMIT $6`,
    [...filterParams(f), `[${vector.join(',')}]`, limit],
  );
}

const ranked = (rows: Array<{ id: string; score: number }>): RankedId[] =>
  rows.map((x) => ({ id: Number(x.id), score: Number(x.score) }));

/** Approximate nearest neighbours through the HNSW index. */
export async function vectorSearch(
  db: pg.Pool,
  dims: number,
  vector: number[],
  f: SearchFilter,
  limit: number,
): Promise<RankedId[]> {
  return ranked((await nearestQuery(db, checkDims(dims), vector, f, limit)).rows);
}

/** Exact nearest neighbours (sequential scan), the ground truth for HNSW recall. */
export async function exactVectorSearch(
  db: pg.Pool,
  dims: number,
  vector: number[],
  f: SearchFilter,
  limit: number,
): Promise<RankedId[]> {
  const d = checkDims(dims);
  const client = await db.connect();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL enable_indexscan = off');
    await client.query('SET LOCAL enable_bitmapscan = off');
    const r = await nearestQuery(client, d, vector, f, limit);
    await client.query('COMMIT');
    return ranked(r.rows);
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

/** Quotes analysed terms as tsquery lexemes joined with OR; terms come from the analyzer. */
export function termsQuery(terms: string[]): string {
  return [...new Set(terms)].map((t) => `'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`).join(' | ');
}

/** Lexical candidates over the analysed terms, ranked by how many (weighted) query terms match. */
export async function termSearch(
  db: pg.Pool,
  terms: string[],
  f: SearchFilter,
  limit: number,
): Promise<RankedId[]> {
  if (terms.length === 0) return [];
  const r = await db.query<{ id: string; score: number }>(
    `SELECT c.id, ts_rank(c.terms, qq.q) AS score
     FROM chunks c, (SELECT $5::tsquery AS q) AS qq
     WHERE ${FILTER} AND c.terms @@ qq.q
     ORDER BY score DESC, c.id LIMIT $6`,
    [...filterParams(f), termsQuery(terms), limit],
  );
  return ranked(r.rows);
}

/** Full text in the chunk's own language (snowball stemming), for words the analysis did not cover. */
export async function fullTextSearch(
  db: pg.Pool,
  text: string,
  config: 'finnish' | 'swedish' | 'english',
  f: SearchFilter,
  limit: number,
): Promise<RankedId[]> {
  const r = await db.query<{ id: string; score: number }>(
    // Any of the words (OR), not all of them: questions carry words the answer does not repeat.
    `SELECT c.id, ts_rank_cd(c.fts, qq.q) AS score
     FROM chunks c, (SELECT replace(plainto_tsquery($5::regconfig, $6)::text, '&', '|')::tsquery AS q) AS qq
     WHERE ${FILTER} AND c.fts @@ qq.q
     ORDER BY score DESC, c.id LIMIT $7`,
    [...filterParams(f), config, text, limit],
  );
  return ranked(r.rows);
}

export interface ChunkRow {
  id: number;
  documentId: number;
  source: string;
  title: string;
  section?: string;
  page?: number;
  url?: string;
  municipality?: string;
  date?: string;
  language: 'fi' | 'sv' | 'en';
  text: string;
  ord: number;
}

export async function fetchChunks(db: pg.Pool, ids: number[]): Promise<Map<number, ChunkRow>> {
  const out = new Map<number, ChunkRow>();
  if (ids.length === 0) return out;
  const r = await db.query(
    `SELECT c.id, c.document_id, d.source, d.title, c.section, c.page, d.url, d.municipality,
            to_char(d.doc_date, 'YYYY-MM-DD') AS date, c.language, c.text, c.ord
     FROM chunks c JOIN documents d ON d.id = c.document_id WHERE c.id = ANY($1::bigint[])`,
    [ids],
  );
  for (const x of r.rows) {
    out.set(Number(x.id), {
      id: Number(x.id),
      documentId: Number(x.document_id),
      source: x.source,
      title: x.title,
      section: x.section ?? undefined,
      page: x.page ?? undefined,
      url: x.url ?? undefined,
      municipality: x.municipality ?? undefined,
      date: x.date ?? undefined,
      language: x.language,
      text: x.text,
      ord: x.ord,
    });
  }
  return out;
}

/** Document frequency of every analysed term over active chunks, and the number of chunks. */
export async function termStatistics(db: pg.Pool): Promise<{ total: number; df: Map<string, number> }> {
  const total = Number(
    (await db.query<{ n: string }>('SELECT count(*) AS n FROM chunks WHERE active')).rows[0]!.n,
  );
  const r = await db.query<{ word: string; ndoc: number }>(
    `SELECT word, ndoc FROM ts_stat('SELECT terms FROM chunks WHERE active')`,
  );
  return { total, df: new Map(r.rows.map((x) => [x.word, Number(x.ndoc)])) };
}
