/**
 * Documents and chunks: writes, listings and settings. Plain parameterised SQL.
 */
import type pg from 'pg';
import { inTransaction } from './transaction.ts';
import type { DocumentSummary } from '../kernel/ports.ts';
import { insertEvents, type EventInsert } from './events.ts';
import { binaryVectorArray, vectorTypeOid } from './vector-param.ts';

type Queryable = pg.Pool | pg.PoolClient;

export interface DocumentInsert {
  source: string;
  docKey: string;
  title: string;
  municipality?: string;
  municipalitySv?: string;
  /** A region-wide document's municipalities; absent: every one. */
  covers?: string[];
  audience: 'public' | 'staff';
  language: 'fi' | 'sv' | 'en';
  url?: string;
  date?: string;
  topics: string[];
  format: string;
  contentHash: string;
  /** `knowledge-dir` (the start-up sync's) or `cli`; see migration 007. Absent: `cli`. */
  origin?: 'knowledge-dir' | 'cli';
  /** The file's absolute path, to tell later whether it is gone. */
  filePath?: string;
}

export interface ChunkInsert {
  ord: number;
  section?: string;
  page?: number;
  text: string;
  language: 'fi' | 'sv' | 'en';
  embedding: number[];
  /** Kumppani's analysed terms (no spaces inside a term) and how often each occurs. */
  termCounts: Record<string, number>;
  /** Text for the language's own stemmed full-text index (title, section and body). */
  ftsText: string;
}

const FTS_CONFIG = { fi: 'finnish', sv: 'swedish', en: 'english' } as const;

export async function getSetting(db: Queryable, key: string): Promise<string | undefined> {
  const r = await db.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [key]);
  return r.rows[0]?.value;
}

export async function setSetting(db: Queryable, key: string, value: string): Promise<void> {
  await db.query(
    `INSERT INTO settings (key, value) VALUES ($1, $2)
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
    [key, value],
  );
}

/** Bumped on every index change, so searchers know when to refresh their term statistics. */
async function bumpIndexVersion(db: Queryable): Promise<void> {
  await db.query(
    `INSERT INTO settings (key, value) VALUES ('index_version', '1')
     ON CONFLICT (key) DO UPDATE SET value = (settings.value::bigint + 1)::text, updated_at = now()`,
  );
}

export async function indexVersion(db: Queryable): Promise<string> {
  return (await getSetting(db, 'index_version')) ?? '0';
}

export async function storedHash(db: Queryable, source: string): Promise<string | undefined> {
  const r = await db.query<{ content_hash: string }>('SELECT content_hash FROM documents WHERE source = $1', [
    source,
  ]);
  return r.rows[0]?.content_hash;
}

/** Only the newest version (by date, then ingestion) of each of these doc_keys answers. */
async function refreshActive(db: Queryable, docKeys: readonly string[]): Promise<void> {
  await refreshActiveDocuments(db, docKeys);
  await refreshActiveChunks(db, docKeys);
}

/** The documents' half of `refreshActive`. */
async function refreshActiveDocuments(db: Queryable, docKeys: readonly string[]): Promise<void> {
  if (docKeys.length === 0) return;
  await db.query(
    `UPDATE documents d SET active = (d.id = (
        SELECT id FROM documents WHERE doc_key = d.doc_key
        ORDER BY doc_date DESC NULLS LAST, ingested_at DESC, id DESC LIMIT 1))
     WHERE d.doc_key = ANY($1::text[])`,
    [docKeys],
  );
}

/** Chunks copy their document's flag (searches filter chunks without a join). */
async function refreshActiveChunks(db: Queryable, docKeys: readonly string[]): Promise<void> {
  if (docKeys.length === 0) return;
  await db.query(
    `UPDATE chunks c SET active = d.active FROM documents d
     WHERE c.document_id = d.id AND d.doc_key = ANY($1::text[]) AND c.active IS DISTINCT FROM d.active`,
    [docKeys],
  );
}

/** Advisory lock space of one source's writes (`pg_advisory_xact_lock(int, int)`). */
const SOURCE_LOCK_SPACE = 4_242_002;

/** One document version to write, with its chunks and dated events. */
export interface DocumentVersion {
  doc: DocumentInsert;
  chunks: ChunkInsert[];
  events?: EventInsert[];
}

/**
 * Replaces the document stored for `doc.source` with this version in one transaction: readers see
 * the old version until the commit, then the new one. See `replaceDocuments`.
 */
export async function replaceDocument(
  pool: pg.Pool,
  doc: DocumentInsert,
  chunks: ChunkInsert[],
  events: EventInsert[] = [],
): Promise<'added' | 'updated'> {
  return (await replaceDocuments(pool, [{ doc, chunks, events }]))[0]!;
}

/**
 * Replaces the documents stored for these sources (distinct) with these versions in one
 * transaction and a fixed number of statements: on the embedded database every statement costs
 * about a millisecond and a document took eleven, which was most of an ingestion's database time.
 * Readers see the old versions until the commit, then the new ones. Writes of one source run one
 * after the other: replicas on one server each sync the knowledge folder at start and follow it
 * live, and two transactions that both found no row to delete would otherwise both insert it, the
 * second failing on the unique source. The second waits for the first's commit and replaces its
 * version. The locks are taken in one order (by key), so two batches that share sources wait for
 * each other instead of deadlocking. Dated events (issue 16) go with their version: the old
 * version's are deleted with it (ON DELETE CASCADE). Returns each version's outcome, in order.
 */
export async function replaceDocuments(
  pool: pg.Pool,
  versions: readonly DocumentVersion[],
): Promise<Array<'added' | 'updated'>> {
  if (versions.length === 0) return [];
  const sources = versions.map((v) => v.doc.source);
  if (new Set(sources).size !== sources.length) throw new Error('replaceDocuments: a source given twice');
  return inTransaction(pool, async (client) => {
    await client.query(
      `SELECT count(pg_advisory_xact_lock($1, k)) FROM
         (SELECT DISTINCT hashtext(s) AS k FROM unnest($2::text[]) AS s ORDER BY k) AS keys`,
      [SOURCE_LOCK_SPACE, sources],
    );
    const old = await client.query<{ source: string; doc_key: string }>(
      'DELETE FROM documents WHERE source = ANY($1::text[]) RETURNING source, doc_key',
      [sources],
    );
    const docs = versions.map((v) => v.doc);
    const ins = await client.query<{ id: string; source: string }>(
      `INSERT INTO documents (source, doc_key, title, municipality, audience, language, url, doc_date, topics, format, content_hash, chunk_count, municipality_sv, origin, file_path, covers)
       SELECT u.source, u.doc_key, u.title, u.municipality, u.audience, u.language, u.url, u.doc_date::date,
              ARRAY(SELECT json_array_elements_text(u.topics::json)), u.format, u.content_hash, u.chunk_count,
              u.municipality_sv, u.origin, u.file_path,
              CASE WHEN u.covers IS NULL THEN NULL ELSE ARRAY(SELECT lower(json_array_elements_text(u.covers::json))) END
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                   $9::text[], $10::text[], $11::text[], $12::int[], $13::text[], $14::text[], $15::text[], $16::text[])
         WITH ORDINALITY AS u(source, doc_key, title, municipality, audience, language, url, doc_date, topics,
                              format, content_hash, chunk_count, municipality_sv, origin, file_path, covers, n)
       ORDER BY u.n
       RETURNING id, source`,
      [
        sources,
        docs.map((d) => d.docKey),
        docs.map((d) => d.title),
        docs.map((d) => d.municipality ?? null),
        docs.map((d) => d.audience),
        docs.map((d) => d.language),
        docs.map((d) => d.url ?? null),
        docs.map((d) => d.date ?? null),
        docs.map((d) => JSON.stringify(d.topics)),
        docs.map((d) => d.format),
        docs.map((d) => d.contentHash),
        versions.map((v) => v.chunks.length),
        docs.map((d) => d.municipalitySv ?? null),
        docs.map((d) => d.origin ?? 'cli'),
        docs.map((d) => d.filePath ?? null),
        docs.map((d) => (d.covers?.length ? JSON.stringify(d.covers) : null)),
      ],
    );
    const idOf = new Map(ins.rows.map((r) => [r.source, r.id]));
    const ids = sources.map((s) => idOf.get(s)!);
    // A version that moved to another doc_key leaves its old key's versions to be decided again.
    const keys = [...new Set([...docs.map((d) => d.docKey), ...old.rows.map((r) => r.doc_key)])];
    // Decided before the chunks go in, so that they are inserted with their document's flag: set
    // afterwards, every chunk of an older version in the batch was written twice, index entries
    // and all (at 10k chunks a tenth of the database's ingestion time).
    await refreshActiveDocuments(client, keys);
    const rows = versions.flatMap((v, i) => v.chunks.map((c) => ({ c, documentId: ids[i]!, doc: v.doc })));
    const vectorOid = rows.length ? await vectorTypeOid(client) : 0;
    const BATCH = 500;
    for (let i = 0; i < rows.length; i += BATCH) {
      const b = rows.slice(i, i + BATCH);
      await client.query(
        `INSERT INTO chunks (document_id, ord, section, page, text, language, municipality, audience, active, embedding, fts, terms, term_counts)
         SELECT u.document_id, u.ord, u.section, u.page, u.text, u.language, u.municipality, u.audience,
                (SELECT d.active FROM documents d WHERE d.id = u.document_id), u.embedding,
                to_tsvector(u.cfg::regconfig, u.fts_text), array_to_tsvector(string_to_array(u.terms, ' ')),
                u.term_counts::json
         FROM unnest($1::bigint[], $2::int[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[],
                     $9::vector[], $10::text[], $11::text[], $12::text[], $13::text[])
           AS u(document_id, ord, section, page, text, language, municipality, audience, embedding, cfg, fts_text, terms, term_counts)`,
        [
          b.map((r) => r.documentId),
          b.map((r) => r.c.ord),
          b.map((r) => r.c.section ?? null),
          b.map((r) => r.c.page ?? null),
          b.map((r) => r.c.text),
          b.map((r) => r.c.language),
          b.map((r) => r.doc.municipality ?? null),
          b.map((r) => r.doc.audience),
          binaryVectorArray(
            vectorOid,
            b.map((r) => r.c.embedding),
          ),
          b.map((r) => FTS_CONFIG[r.c.language]),
          b.map((r) => r.c.ftsText),
          b.map((r) => Object.keys(r.c.termCounts).join(' ')),
          b.map((r) => JSON.stringify(r.c.termCounts)),
        ],
      );
    }
    await insertEvents(
      client,
      versions.map((v, i) => ({ documentId: ids[i]!, events: v.events ?? [] })),
    );
    await refreshActiveChunks(client, keys);
    await bumpIndexVersion(client);
    const replaced = new Set(old.rows.map((r) => r.source));
    return sources.map((s) => (replaced.has(s) ? 'updated' : 'added'));
  });
}

/** Refreshes the planner's statistics of the index tables. */
export async function analyzeIndex(db: Queryable): Promise<void> {
  await db.query('ANALYZE documents');
  await db.query('ANALYZE chunks');
}

export async function listSources(db: Queryable): Promise<string[]> {
  return (await db.query<{ source: string }>('SELECT source FROM documents ORDER BY source')).rows.map(
    (r) => r.source,
  );
}

export interface DocumentOriginRow {
  source: string;
  origin: 'knowledge-dir' | 'cli';
  /** NULL for documents indexed before migration 007. */
  filePath: string | null;
}

/** Where every indexed document came from (for the knowledge folder's sync). */
export async function documentOrigins(db: Queryable): Promise<DocumentOriginRow[]> {
  const r = await db.query<{ source: string; origin: 'knowledge-dir' | 'cli'; file_path: string | null }>(
    'SELECT source, origin, file_path FROM documents ORDER BY source',
  );
  return r.rows.map((x) => ({ source: x.source, origin: x.origin, filePath: x.file_path }));
}

/** Marks these sources as coming from `origin` (a file found in the knowledge folder is the sync's). */
export async function setOrigin(
  db: Queryable,
  sources: readonly string[],
  origin: 'knowledge-dir' | 'cli',
): Promise<void> {
  if (sources.length === 0) return;
  await db.query('UPDATE documents SET origin = $2 WHERE source = ANY($1::text[]) AND origin <> $2', [
    sources,
    origin,
  ]);
}

export async function removeSources(pool: pg.Pool, sources: string[]): Promise<void> {
  if (sources.length === 0) return;
  await inTransaction(pool, async (client) => {
    const del = await client.query<{ doc_key: string }>(
      'DELETE FROM documents WHERE source = ANY($1::text[]) RETURNING doc_key',
      [sources],
    );
    await refreshActive(client, [...new Set(del.rows.map((r) => r.doc_key))]);
    await bumpIndexVersion(client);
  });
}

export interface IndexStats {
  documents: number;
  activeDocuments: number;
  chunks: number;
}

export async function indexStats(db: Queryable): Promise<IndexStats> {
  const r = await db.query<{ documents: string; active: string; chunks: string }>(
    `SELECT (SELECT count(*) FROM documents) AS documents,
            (SELECT count(*) FROM documents WHERE active) AS active,
            (SELECT count(*) FROM chunks) AS chunks`,
  );
  const row = r.rows[0]!;
  return {
    documents: Number(row.documents),
    activeDocuments: Number(row.active),
    chunks: Number(row.chunks),
  };
}

export interface MunicipalityRow {
  name: string;
  documents: number;
  /** The Swedish name its documents give, if any. */
  sv?: string;
}

/** Municipalities that have active documents, by name. */
export async function listMunicipalities(
  db: Queryable,
  audience: 'public' | 'staff' = 'staff',
): Promise<MunicipalityRow[]> {
  const r = await db.query<{ name: string; documents: string; sv: string | null }>(
    `SELECT municipality AS name, count(*) AS documents, max(municipality_sv) AS sv FROM documents
     WHERE active AND municipality IS NOT NULL AND ($1 = 'staff' OR audience = 'public')
     GROUP BY municipality ORDER BY municipality`,
    [audience],
  );
  return r.rows.map((x) => ({ name: x.name, documents: Number(x.documents), ...(x.sv ? { sv: x.sv } : {}) }));
}

export async function listDocuments(db: Queryable): Promise<DocumentSummary[]> {
  const r = await db.query(
    `SELECT source, title, municipality, audience, language, to_char(doc_date, 'YYYY-MM-DD') AS date, url, active, chunk_count
     FROM documents ORDER BY municipality NULLS FIRST, title, doc_date DESC NULLS LAST`,
  );
  return r.rows.map((x) => ({
    source: x.source,
    title: x.title,
    municipality: x.municipality ?? undefined,
    audience: x.audience,
    language: x.language,
    date: x.date ?? undefined,
    url: x.url ?? undefined,
    active: x.active,
    chunks: x.chunk_count,
  }));
}

/** Chunks for re-embedding when the embedder changes, in pages. */
export async function chunkTextsAfter(
  db: Queryable,
  afterId: number,
  limit: number,
): Promise<
  Array<{
    id: number;
    text: string;
    language: 'fi' | 'sv' | 'en';
    title: string;
    section: string | null;
    municipality: string | null;
  }>
> {
  const r = await db.query(
    `SELECT c.id, c.text, c.language, d.title, c.section, d.municipality FROM chunks c JOIN documents d ON d.id = c.document_id
     WHERE c.id > $1 ORDER BY c.id LIMIT $2`,
    [afterId, limit],
  );
  return r.rows.map((x) => ({
    id: Number(x.id),
    text: x.text,
    language: x.language,
    title: x.title,
    section: x.section,
    municipality: x.municipality,
  }));
}

export interface StoredChunk {
  id: number;
  source: string;
  title: string;
  section: string | null;
  text: string;
  language: 'fi' | 'sv' | 'en';
  /** NULL: region-wide. */
  municipality: string | null;
  audience: 'public' | 'staff';
}

/** Every chunk that answers (of active documents), as stored: for the eval's BM25 baseline. */
export async function activeChunks(db: Queryable): Promise<StoredChunk[]> {
  const r = await db.query(
    `SELECT c.id, d.source, d.title, c.section, c.text, c.language, c.municipality, c.audience
       FROM chunks c JOIN documents d ON d.id = c.document_id
      WHERE c.active ORDER BY c.id`,
  );
  return r.rows.map((x) => ({
    id: Number(x.id),
    source: x.source,
    title: x.title,
    section: x.section,
    text: x.text,
    language: x.language,
    municipality: x.municipality,
    audience: x.audience,
  }));
}

/**
 * Replaces chunks' analysed terms and, when given, their vectors (after the analysis or the
 * embedder changed; an API embedder is not paid again for a thesaurus edit).
 */
export async function updateComputed(
  db: Queryable,
  ids: number[],
  vectors: number[][] | undefined,
  termCounts: Array<Record<string, number>>,
): Promise<void> {
  await db.query(
    `UPDATE chunks c SET embedding = COALESCE(u.embedding, c.embedding),
            terms = array_to_tsvector(string_to_array(u.terms, ' ')), term_counts = u.term_counts::json
     FROM unnest($1::bigint[], $2::vector[], $3::text[], $4::text[]) AS u(id, embedding, terms, term_counts)
     WHERE c.id = u.id`,
    [
      ids,
      binaryVectorArray(
        await vectorTypeOid(db),
        ids.map((_, i) => vectors?.[i] ?? null),
      ),
      termCounts.map((t) => Object.keys(t).join(' ')),
      termCounts.map((t) => JSON.stringify(t)),
    ],
  );
  await bumpIndexVersion(db);
}

/**
 * How the HNSW graph is built. ef_construction 200 instead of pgvector's 64: at 10k generated
 * chunks recall@10 through the index went 0.867 -> 0.972 without a filter and 0.930 -> 0.994 with
 * a municipality, for twice the build time and the same query time (bench/probes/hnsw-build.ts).
 */
export const HNSW_BUILD = { m: 16, efConstruction: 200 } as const;

/** Advisory lock of HNSW builds and drops: two replicas starting at once build one index. */
const VECTOR_INDEX_LOCK = [4_242_003, 0] as const;

/**
 * Memory for one HNSW build. pgvector builds the graph in memory while it fits in
 * maintenance_work_mem and inserts tuple by tuple on disk after that, which is several times
 * slower: PGlite's default 64 MB holds about 20k vectors of 512 dimensions (100k took 504 s).
 * About 3 KB per 512-dimension vector with its neighbour lists, with room to spare, capped so a
 * server is not asked for more than 1 GB; a server configured higher keeps its own setting.
 */
export function hnswBuildMemoryMb(vectors: number, dims: number): number {
  const bytes = vectors * (dims * 4 + 1024) * 1.5;
  return Math.min(1024, Math.max(64, Math.ceil(bytes / 2 ** 20)));
}

/**
 * The HNSW index is an expression index on a cast to the embedder's dimension (the column itself is
 * dimensionless so that the embedder can change). `dims` is a validated integer from config. An
 * index of another dimension or built with other settings is dropped and built again; so is a
 * missing one, which is how a bulk load that died before its build (`dropVectorIndexes`) is
 * repaired: every start runs this (`syncIndex`).
 *
 * The build runs without the pool's statement timeout (30 s): on a PostgreSQL server it takes
 * minutes at 100k chunks (a benchmark run was cancelled there), and a start that cancels it has no
 * index at all. Drops and build are one transaction, so a failed build keeps the old index.
 */
export async function ensureVectorIndex(pool: pg.Pool, dims: number): Promise<void> {
  if (!Number.isInteger(dims) || dims < 1 || dims > 16000)
    throw new Error(`invalid vector dimension ${dims}`);
  const name = `chunks_embedding_hnsw_${dims}`;
  const wanted = [`m=${HNSW_BUILD.m}`, `ef_construction=${HNSW_BUILD.efConstruction}`];
  const inspect = async (db: Queryable) => {
    const existing = await db.query<{ indexname: string; options: string[] | null }>(
      `SELECT i.indexname, c.reloptions AS options
         FROM pg_indexes i JOIN pg_class c ON c.relname = i.indexname
        WHERE i.tablename = 'chunks' AND i.indexname LIKE 'chunks_embedding_hnsw_%'`,
    );
    const current = existing.rows.some(
      (row) => row.indexname === name && wanted.every((o) => (row.options ?? []).includes(o)),
    );
    const stale = existing.rows.filter((row) => !(current && row.indexname === name));
    return { current, stale };
  };
  // Checked before taking the lock: the usual start finds the index in place and writes nothing.
  const first = await inspect(pool);
  if (first.current && first.stale.length === 0) return;
  await inTransaction(pool, async (client) => {
    await client.query('SET LOCAL statement_timeout = 0');
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', [...VECTOR_INDEX_LOCK]);
    // Another process may have built it while this one waited for the lock.
    const { current, stale } = await inspect(client);
    for (const row of stale)
      await client.query(`DROP INDEX IF EXISTS ${row.indexname.replace(/[^a-z0-9_]/g, '')}`);
    if (!current) {
      const rows = await client.query<{ n: string }>('SELECT count(*) AS n FROM chunks');
      const mb = hnswBuildMemoryMb(Number(rows.rows[0]!.n), dims);
      const set = await client.query<{ mb: string }>(
        `SELECT setting::bigint * (CASE unit WHEN 'kB' THEN 1024 WHEN '8kB' THEN 8192 WHEN 'MB' THEN 1048576 ELSE 1 END) / 1048576 AS mb
           FROM pg_settings WHERE name = 'maintenance_work_mem'`,
      );
      if (Number(set.rows[0]?.mb ?? 0) < mb) await client.query(`SET LOCAL maintenance_work_mem = '${mb}MB'`);
      await client.query(
        `CREATE INDEX IF NOT EXISTS ${name} ON chunks USING hnsw ((embedding::vector(${dims})) vector_cosine_ops)
         WITH (m = ${HNSW_BUILD.m}, ef_construction = ${HNSW_BUILD.efConstruction})`,
      );
    }
  });
}

/**
 * Drops the HNSW index before a bulk load: inserting into the graph costs more per vector than
 * building it once afterwards (at 10k chunks a third of the ingestion's CPU went to graph inserts).
 * Searches go on meanwhile, by the exact scan; `ensureVectorIndex` builds it again at the end of
 * the load, or at the next start if the process dies first.
 */
export async function dropVectorIndexes(pool: pg.Pool): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1, $2)', [...VECTOR_INDEX_LOCK]);
    const existing = await client.query<{ indexname: string }>(
      `SELECT indexname FROM pg_indexes WHERE tablename = 'chunks' AND indexname LIKE 'chunks_embedding_hnsw_%'`,
    );
    for (const row of existing.rows)
      await client.query(`DROP INDEX IF EXISTS ${row.indexname.replace(/[^a-z0-9_]/g, '')}`);
  });
}
