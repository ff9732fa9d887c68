/**
 * Search queries over chunks: vector (HNSW, cosine), exact vector scan (for recall measurements),
 * lexical over Kumppani's analysed terms, and the language's own stemmed full text.
 */
import type pg from 'pg';
import { paramList, prepared, type Param } from './statements.ts';
import { inTransaction } from './transaction.ts';

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
  AND ($2::text IS NULL OR lower(c.municipality) = lower($2::text)
       OR (c.municipality IS NULL AND NOT $3::boolean
           AND NOT EXISTS (SELECT 1 FROM documents cov
                            WHERE cov.id = c.document_id AND cov.covers IS NOT NULL
                              AND NOT lower($2::text) = ANY (cov.covers))))
  AND ($4::text IS NULL OR c.language = $4::text)`;

function filterParams(f: SearchFilter): unknown[] {
  return [f.audience, f.municipality, !!f.municipalityOnly, f.language];
}

function checkDims(dims: number): number {
  if (!Number.isInteger(dims) || dims < 1 || dims > 16000)
    throw new Error(`invalid vector dimension ${dims}`);
  return dims;
}

/**
 * How many nearest rows the vector query takes before sorting them exactly: with
 * `hnsw.iterative_scan = relaxed_order` (db.ts) an HNSW scan may return rows slightly out of
 * order, so the query over-fetches and re-sorts by the exact distance, as pgvector advises. It
 * costs nothing measurable; at 100k chunks, through the index with a municipality filter, recall@10
 * went from 0.872 to 0.880 (60 queries). What limits recall there is the generated corpus's
 * near-duplicate vectors, not the order; users' filtered queries take the exact path anyway.
 */
export const VECTOR_OVERFETCH = { factor: 4, min: 40 };

const overfetch = (limit: number) => Math.max(VECTOR_OVERFETCH.min, VECTOR_OVERFETCH.factor * limit);

/**
 * The vector candidates as SQL: `id, score, rank` (rank 1 = nearest). `$v` the vector, `$over`
 * the over-fetch, `$limit` how many; `d` a validated dimension (see checkDims).
 */
function vectorSql(d: number, v: string, over: string, limit: string): string {
  return `SELECT id, 1 - dist AS score, row_number() OVER (ORDER BY dist, id) AS rank
     FROM (SELECT id, dist FROM (
             SELECT c.id, c.embedding::vector(${d}) <=> ${v}::vector(${d}) AS dist
               FROM chunks c WHERE ${FILTER}
              ORDER BY c.embedding::vector(${d}) <=> ${v}::vector(${d}) LIMIT ${over}) AS near
           ORDER BY dist, id LIMIT ${limit}) AS v`;
}

/** Index names the BM25 paths use (created by migration 004 where pg_textsearch exists). */
export const BM25_INDEXES = { terms: 'chunks_terms_bm25', text: 'chunks_text_bm25' } as const;

/** Which BM25 indexes (pg_textsearch) the database has; absent on a server without the extension. */
export interface LexicalIndexes {
  /** Over the analysed terms (`kumppani_terms_text(terms)`, 'simple' configuration). */
  terms: boolean;
  /** Over the chunk text, Finnish stemming. */
  text: boolean;
}

export async function lexicalIndexes(db: Pick<pg.Pool, 'query'>): Promise<LexicalIndexes> {
  const r = await db.query<{ terms: boolean; text: boolean }>(
    `SELECT to_regclass($1) IS NOT NULL AS terms, to_regclass($2) IS NOT NULL AS text`,
    [BM25_INDEXES.terms, BM25_INDEXES.text],
  );
  return { terms: !!r.rows[0]?.terms, text: !!r.rows[0]?.text };
}

/**
 * A question without a municipality matches most of a large index with any of its words (the
 * lexical queries are ORs): scoring every match costs hundreds of ms at 100k chunks. A BM25 index
 * (pg_textsearch, Block-Max WAND) returns the top k without scoring them all. With a municipality
 * the GIN query is cheap (its chunks are few) and stays, with ts_rank as before.
 */
const useBm25 = (f: SearchFilter, available: boolean | undefined) => !!available && f.municipality === null;

/**
 * The analysed-terms candidates as SQL: `id, score, rank`. `$q` is the tsquery (termsQuery); on
 * the BM25 path `$text` is the terms joined by spaces, which the index tokenises as it did the
 * chunks.
 *
 * On the BM25 path the index picks the candidates and ts_rank orders them as on the GIN path:
 * BM25 alone orders by the rarest words, ts_rank by how many of the question's terms a chunk has,
 * which is what re-scoring (coverage) rewards. At 100k chunks, questions without a municipality
 * (124 judged): the fact in the top hit as often as with the GIN query (BM25 order alone: 56 vs 61
 * of 124); taking 3, 5 or 10 times the candidates from the index did not help.
 */
function termsSql(bm25: boolean, q: string, limit: string, text = '', narrow = ''): string {
  // The index also returns non-matching rows (after every matching one): the @@ drops those.
  const among = bm25
    ? `c.id IN (SELECT c.id FROM chunks c WHERE ${FILTER}
                 ORDER BY kumppani_terms_text(c.terms) <@> to_bm25query(${text}, '${BM25_INDEXES.terms}')
                 LIMIT ${limit})`
    : FILTER;
  // Narrowed (see HybridQuery.narrow): only chunks with one of the rarer terms are scored, still by
  // the whole question; those terms are among the question's, so the match below implies its own.
  const match = narrow ? `c.terms @@ ${narrow}::tsquery` : `c.terms @@ qq.q`;
  return `SELECT id, score, row_number() OVER (ORDER BY score DESC, id) AS rank FROM (
      SELECT c.id, ts_rank(c.terms, qq.q) AS score
        FROM chunks c, (SELECT ${q}::tsquery AS q) AS qq
       WHERE ${among} AND ${match}
       ORDER BY score DESC, c.id LIMIT ${limit}) AS t`;
}

/** The language's own full-text candidates as SQL: `id, score, rank`; any of the words (OR). */
function fullTextSql(bm25: boolean, config: string, text: string, limit: string, narrow = ''): string {
  // Any of the words (OR), not all of them: questions carry words the answer does not repeat.
  const anyOf = (words: string) =>
    `replace(plainto_tsquery(${config}::regconfig, ${words})::text, '&', '|')::tsquery`;
  const inner = bm25
    ? `SELECT c.id, -(c.text <@> to_bm25query(${text}, '${BM25_INDEXES.text}')) AS score
         FROM chunks c WHERE ${FILTER}
        ORDER BY c.text <@> to_bm25query(${text}, '${BM25_INDEXES.text}') LIMIT ${limit}`
    : `SELECT c.id, ts_rank_cd(c.fts, qq.q) AS score
         FROM chunks c, (SELECT ${anyOf(text)} AS q${narrow ? `, ${anyOf(narrow)} AS n` : ''}) AS qq
        WHERE ${FILTER} AND c.fts @@ qq.${narrow ? 'n' : 'q'}
        ORDER BY score DESC, c.id LIMIT ${limit}`;
  return `SELECT id, score, row_number() OVER (ORDER BY score DESC, id) AS rank FROM (${inner}) AS f${bm25 ? ' WHERE score > 0' : ''}`;
}

/** The Finnish BM25 index stems Finnish only; other questions keep the language's own query. */
const textBm25 = (f: SearchFilter, config: string, idx?: LexicalIndexes) =>
  config === 'finnish' && useBm25(f, idx?.text);

const ranked = (rows: Array<{ id: string; score: number }>): RankedId[] =>
  rows.map((x) => ({ id: Number(x.id), score: Number(x.score) }));

/** Nearest chunks by cosine distance (HNSW where the planner takes it), exactly re-sorted. */
export async function vectorSearch(
  db: pg.Pool,
  dims: number,
  vector: number[],
  f: SearchFilter,
  limit: number,
): Promise<RankedId[]> {
  const d = checkDims(dims);
  const r = await db.query<{ id: string; score: number }>(`${vectorSql(d, '$5', '$6', '$7')} ORDER BY rank`, [
    ...filterParams(f),
    `[${vector.join(',')}]`,
    overfetch(limit),
    limit,
  ]);
  return ranked(r.rows);
}

/** Exact nearest neighbours (sequential scan), the ground truth for HNSW recall. */
export async function exactVectorSearch(
  db: pg.Pool,
  dims: number,
  vector: number[],
  f: SearchFilter,
  limit: number,
): Promise<RankedId[]> {
  return inTransaction(db, async (client) => {
    await client.query('SET LOCAL enable_indexscan = off');
    await client.query('SET LOCAL enable_bitmapscan = off');
    return vectorSearch(client as unknown as pg.Pool, dims, vector, f, limit);
  });
}

/** Quotes analysed terms as tsquery lexemes joined with OR; terms come from the analyzer. */
export function termsQuery(terms: string[]): string {
  return [...new Set(terms)].map((t) => `'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`).join(' | ');
}

/** The analysed terms as BM25 query text: the index tokenises it as it tokenised the chunks. */
const termsText = (terms: string[]) => [...new Set(terms)].join(' ');

/**
 * Lexical candidates over the analysed terms: by how many (weighted) query terms match, or with
 * `indexes.terms` and no municipality by BM25 through the index.
 */
export async function termSearch(
  db: pg.Pool,
  terms: string[],
  f: SearchFilter,
  limit: number,
  indexes?: LexicalIndexes,
): Promise<RankedId[]> {
  if (terms.length === 0) return [];
  const bm25 = useBm25(f, indexes?.terms);
  const params = [...filterParams(f), termsQuery(terms), limit];
  if (bm25) params.push(termsText(terms));
  const r = await db.query<{ id: string; score: number }>(
    `${termsSql(bm25, '$5', '$6', bm25 ? '$7' : '')} ORDER BY rank`,
    params,
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
  indexes?: LexicalIndexes,
): Promise<RankedId[]> {
  const r = textBm25(f, config, indexes)
    ? await db.query<{ id: string; score: number }>(`${fullTextSql(true, '', '$5', '$6')} ORDER BY rank`, [
        ...filterParams(f),
        text,
        limit,
      ])
    : await db.query<{ id: string; score: number }>(`${fullTextSql(false, '$5', '$6', '$7')} ORDER BY rank`, [
        ...filterParams(f),
        config,
        text,
        limit,
      ]);
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
  /** How often each analysed term occurs (absent for chunks stored before term counts were). */
  termCounts?: Record<string, number>;
}

const CHUNK_COLUMNS = `c.id, c.document_id, d.source, d.title, c.section, c.page, d.url, d.municipality,
            to_char(d.doc_date, 'YYYY-MM-DD') AS date, c.language, c.text, c.ord, c.term_counts`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function toChunkRow(x: any): ChunkRow {
  return {
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
    termCounts: x.term_counts ?? undefined,
  };
}

/**
 * The candidates' chunk rows as one JSON value (an array per row, in chunkArray's order, then
 * the list columns): the driver decodes every field of every row on its own, which at 10k chunks
 * cost about 2 ms of the statement's 13 (56 rows of 19 fields), against one JSON.parse. Numbers
 * come through JSON as the same text the driver parsed (float4out/float8out), so scores are equal.
 */
const chunkArray = (kept: string) => `c.id, c.document_id, d.source, d.title, c.section, c.page, d.url,
            d.municipality, to_char(d.doc_date, 'YYYY-MM-DD'), c.language, c.text, c.ord,
            ${kept ? `CASE WHEN c.id < 8 * length(${kept}::bytea) AND get_bit(${kept}::bytea, c.id) = 1 THEN NULL ELSE c.term_counts END` : 'c.term_counts'}`;
const CHUNK_FIELDS = 13;

function arrayToChunkRow(x: unknown[]): ChunkRow {
  const [
    id,
    documentId,
    source,
    title,
    section,
    page,
    url,
    municipality,
    date,
    language,
    text,
    ord,
    termCounts,
  ] = x as [
    number,
    number,
    string,
    string,
    string | null,
    number | null,
    string | null,
    string | null,
    string | null,
    ChunkRow['language'],
    string,
    number,
    Record<string, number> | null,
  ];
  return {
    id: Number(id),
    documentId: Number(documentId),
    source,
    title,
    section: section ?? undefined,
    page: page ?? undefined,
    url: url ?? undefined,
    municipality: municipality ?? undefined,
    date: date ?? undefined,
    language,
    text,
    ord,
    termCounts: termCounts ?? undefined,
  };
}

export async function fetchChunks(db: pg.Pool, ids: number[]): Promise<Map<number, ChunkRow>> {
  const out = new Map<number, ChunkRow>();
  if (ids.length === 0) return out;
  const r = await db.query(
    `SELECT ${CHUNK_COLUMNS}
     FROM chunks c JOIN documents d ON d.id = c.document_id WHERE c.id = ANY($1::bigint[])`,
    [ids],
  );
  for (const x of r.rows) out.set(Number(x.id), toChunkRow(x));
  return out;
}

/** A document's last passage: where an article's signature stands (its writer, their role). */
export async function lastChunkOf(
  db: Pick<pg.Pool, 'query'>,
  documentId: number,
): Promise<ChunkRow | undefined> {
  const r = await db.query(
    `SELECT ${CHUNK_COLUMNS}
     FROM chunks c JOIN documents d ON d.id = c.document_id
     WHERE c.document_id = $1 ORDER BY c.ord DESC LIMIT 1`,
    [documentId],
  );
  return r.rows[0] ? toChunkRow(r.rows[0]) : undefined;
}

/** What a hybrid search asks of the index in one statement. */
export interface HybridQuery {
  dims: number;
  vector: number[];
  /** Analysed terms of the question (may be empty). */
  terms: string[];
  /** The question as typed, for the language's own full text. */
  text: string;
  ftsConfig: 'finnish' | 'swedish' | 'english';
  filter: SearchFilter;
  /** Candidates from the vector and the terms query each… */
  candidates: number;
  /** …and from the full-text query. */
  fullTextCandidates: number;
  /** BM25 indexes to use for a question without a municipality (see lexicalIndexes). */
  indexes?: LexicalIndexes;
  /**
   * On the GIN paths, only chunks holding one of these (rarer) terms, or for the full text one of
   * these words, are scored, still against the whole question: an OR of common words otherwise
   * matches most of a large index and every match is scored (rareTerms in src/retrieval). Not used
   * on the BM25 paths, whose index already skips what cannot reach the top.
   */
  narrow?: { terms: string[]; words: string };
  /**
   * The chunks whose term counts the caller keeps, as a bitmap by chunk id (bit `id % 8` of byte
   * `id >> 3`, as PostgreSQL's get_bit numbers them): their rows come without the counts
   * (termCounts absent). The counts are about half of the rows' bytes (at 10k chunks 29 of 60 KB
   * per search, 0.8 ms of the statement's CPU); a chunk not in it comes with them, as before.
   */
  kept?: Uint8Array;
}

/** The three candidate lists (best first) and every candidate's chunk. */
export interface HybridCandidates {
  vector: RankedId[];
  terms: RankedId[];
  fullText: RankedId[];
  chunks: Map<number, ChunkRow>;
}

/** The three candidate queries of a hybrid search (`id, score, rank` each), parameters through `p`. */
function candidateSql(q: HybridQuery, p: Param, part: 'v' | 't' | 'f'): string {
  const d = checkDims(q.dims);
  const f = q.filter;
  if (part === 'v') {
    const limit = p(q.candidates);
    return vectorSql(d, p(`[${q.vector.join(',')}]`), p(overfetch(q.candidates)), limit);
  }
  if (part === 't') {
    if (!q.terms.length)
      return `SELECT NULL::bigint AS id, NULL::real AS score, NULL::bigint AS rank WHERE false`;
    const bm25 = useBm25(f, q.indexes?.terms);
    const narrow = !bm25 && q.narrow?.terms.length ? p(termsQuery(q.narrow.terms)) : '';
    return termsSql(bm25, p(termsQuery(q.terms)), p(q.candidates), bm25 ? p(termsText(q.terms)) : '', narrow);
  }
  const bm25 = textBm25(f, q.ftsConfig, q.indexes);
  const config = bm25 ? '' : p(q.ftsConfig);
  const narrow = !bm25 && q.narrow ? p(q.narrow.words) : '';
  return fullTextSql(bm25, config, p(q.text), p(q.fullTextCandidates), narrow);
}

/**
 * The vector, analysed-terms and full-text candidates and their chunks in one statement: the same
 * queries as vectorSearch, termSearch, fullTextSearch and fetchChunks, as CTEs. One round trip
 * instead of four (at 100k chunks with a municipality, p95 9 ms instead of 11 ms), and on the
 * embedded database one turn in its single connection's queue instead of four.
 */
export function hybridCandidatesSql(q: HybridQuery): { text: string; values: unknown[] } {
  const { params, p } = paramList(filterParams(q.filter));
  const kept = q.kept ? p(Buffer.from(q.kept.buffer, q.kept.byteOffset, q.kept.byteLength)) : '';
  const vec = candidateSql(q, p, 'v');
  const terms = candidateSql(q, p, 't');
  const ft = candidateSql(q, p, 'f');
  const ftBm25 = textBm25(q.filter, q.ftsConfig, q.indexes);
  // Each candidate once with its rank in every list, then one join to its chunk: at 10k chunks
  // 2.5 ms less per statement (5 without a municipality) than joining the three lists back.
  return {
    text: `WITH v AS (${vec}), t AS (${terms}), f AS (${ft}),
          u AS (SELECT id, min(v_rank) AS v_rank, max(v_score) AS v_score, min(t_rank) AS t_rank,
                       max(t_score) AS t_score, min(f_rank) AS f_rank, max(f_score) AS f_score
                  FROM (SELECT id, rank AS v_rank, score AS v_score, NULL::bigint AS t_rank,
                               NULL::real AS t_score, NULL::bigint AS f_rank, NULL::${ftBm25 ? 'float8' : 'real'} AS f_score FROM v
                        UNION ALL SELECT id, NULL, NULL, rank, score, NULL, NULL FROM t
                        UNION ALL SELECT id, NULL, NULL, NULL, NULL, rank, score FROM f) AS x
                 GROUP BY id)
     SELECT json_agg(json_build_array(${chunkArray(kept)}, u.v_rank, u.v_score, u.t_rank, u.t_score, u.f_rank, u.f_score))
              AS rows
       FROM u JOIN chunks c ON c.id = u.id JOIN documents d ON d.id = c.document_id`,
    values: params,
  };
}

/** One candidate list with its chunks, as its own statement (hybridCandidatesApart). */
export function candidateListSql(q: HybridQuery, part: 'v' | 't' | 'f'): { text: string; values: unknown[] } {
  const { params, p } = paramList(filterParams(q.filter));
  const kept = q.kept ? p(Buffer.from(q.kept.buffer, q.kept.byteOffset, q.kept.byteLength)) : '';
  const list = candidateSql(q, p, part);
  return {
    text: `SELECT json_agg(json_build_array(${chunkArray(kept)}, x.rank, x.score)) AS rows
       FROM (${list}) AS x JOIN chunks c ON c.id = x.id JOIN documents d ON d.id = c.document_id`,
    values: params,
  };
}

type ListName = 'v' | 't' | 'f';
const LISTS: ListName[] = ['v', 't', 'f'];

/**
 * Adds one statement's JSON rows to `out`: each row is a chunk's fields, then (rank, score) for
 * each of `parts` in order (null where the chunk is not in that list).
 */
function collect(rows: unknown[][] | null, parts: readonly ListName[], out: Collected): void {
  const lists = { v: out.vector, t: out.terms, f: out.fullText };
  const ranks = out.ranks;
  for (const x of rows ?? []) {
    const id = Number(x[0]);
    if (!out.chunks.has(id)) out.chunks.set(id, arrayToChunkRow(x));
    parts.forEach((k, i) => {
      const rank = x[CHUNK_FIELDS + 2 * i];
      if (rank === null || rank === undefined) return;
      const e = { id, score: Number(x[CHUNK_FIELDS + 2 * i + 1]) };
      ranks.set(e, Number(rank));
      lists[k].push(e);
    });
  }
}

/** The lists in rank order (a chunk's rows come back in no particular order). */
function sorted({ ranks, ...out }: Collected): HybridCandidates {
  for (const list of [out.vector, out.terms, out.fullText])
    list.sort((a, b) => ranks.get(a)! - ranks.get(b)!);
  return out;
}

type Collected = HybridCandidates & { ranks: Map<RankedId, number> };
const emptyCandidates = (): Collected => ({
  vector: [],
  terms: [],
  fullText: [],
  chunks: new Map(),
  ranks: new Map(),
});

// The search's statements are prepared (a few shapes: with or without terms, BM25 or GIN,
// narrowed or not), each parsed once per connection: see prepared.

/** Runs hybridCandidatesSql: the candidate lists (best first) and their chunks. */
export async function hybridCandidates(
  db: Pick<pg.Pool, 'query'>,
  q: HybridQuery,
): Promise<HybridCandidates> {
  const { text, values } = hybridCandidatesSql(q);
  const r = await db.query<{ rows: unknown[][] | null }>(prepared(text, values));
  const out = emptyCandidates();
  collect(r.rows[0]?.rows ?? null, LISTS, out);
  return sorted(out);
}

/**
 * The same lists and chunks as hybridCandidates, as three statements sent at once: on a server
 * each takes a connection of the pool and a backend of its own, so the search waits for the
 * slowest list instead of the sum of them (the embedded database has one connection, where one
 * statement is cheaper). A chunk in several lists comes back with each; its row is kept once.
 */
export async function hybridCandidatesApart(
  db: Pick<pg.Pool, 'query'>,
  q: HybridQuery,
): Promise<HybridCandidates> {
  const parts = LISTS.filter((k) => k !== 't' || q.terms.length > 0);
  const results = await Promise.all(
    parts.map((k) => {
      const { text, values } = candidateListSql(q, k);
      return db.query<{ rows: unknown[][] | null }>(prepared(text, values));
    }),
  );
  const out = emptyCandidates();
  results.forEach((r, i) => collect(r.rows[0]?.rows ?? null, [parts[i]!], out));
  return sorted(out);
}

/** The stored term counts of these chunks (null for a chunk stored before there were any). */
export async function fetchTermCounts(
  db: Pick<pg.Pool, 'query'>,
  ids: number[],
): Promise<Map<number, Record<string, number> | null>> {
  const out = new Map<number, Record<string, number> | null>();
  if (ids.length === 0) return out;
  const r = await db.query<{ id: string; term_counts: Record<string, number> | null }>(
    prepared('SELECT id, term_counts FROM chunks WHERE id = ANY($1::bigint[])', [ids]),
  );
  for (const x of r.rows) out.set(Number(x.id), x.term_counts);
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
