/**
 * Retrieval measurements on one index, side by side: the hybrid search users get, and its parts
 * as baselines (bare HNSW query, exact vector scan, the analysed-terms query, the language's own
 * full-text query), HNSW recall@10 against the exact scan, the extractive answer in-process, a
 * breakdown of where the hybrid search's time goes, and EXPLAIN ANALYZE of its SQL.
 */
import type pg from 'pg';
import type { Services } from '../src/app.ts';
import { HybridSearcher } from '../src/retrieval/searcher.ts';
import {
  exactVectorSearch,
  fullTextSearch,
  hybridCandidatesSql,
  lexicalIndexes,
  termSearch,
  vectorSearch,
  type HybridQuery,
  type SearchFilter,
} from '../src/store/search.ts';
import type { BenchQuery } from './queries.ts';
import { inTransaction } from '../src/store/transaction.ts';
import { mean, recallAtK, recallAtKWithTies, summarize, type LatencySummary } from './stats.ts';

const FTS_CONFIG = { fi: 'finnish', sv: 'swedish', en: 'english' } as const;
/** The candidate counts HybridSearcher uses (40 per list, 20 from full text): baselines ask the same. */
const CANDIDATES = 40;

export interface RetrievalBudget {
  /** Measure each method for about this long… */
  secondsPerMethod: number;
  /** …but at least this many queries… */
  minQueries: number;
  /** …and at most this many. */
  maxQueries: number;
  /** Queries for recall@10 (each runs HNSW and the exact scan once). */
  recallQueries: number;
}

export interface RetrievalResult {
  queries: number;
  /** First search on a fresh searcher: loads term statistics over the whole index. */
  firstSearchMs: number;
  /** `hnswIndex` is absent in results written before it was measured. */
  latency: Record<Exclude<MethodName, 'hnswIndex'>, LatencySummary> & { hnswIndex?: LatencySummary };
  /** Where a hybrid search's time goes (mean ms per stage over the measured queries). */
  hybridStages: Record<string, number>;
  /**
   * The questions without a municipality alone, from the same loops (absent in results written
   * before it was measured): on a server without pg_textsearch (`bm25` false) the costly ones.
   */
  withoutMunicipality?: { hybrid: LatencySummary; hnsw: LatencySummary; bm25: boolean };
  recallAt10: {
    /** HNSW index forced, with the users' filters (municipality + region-wide, public). */
    filtered: number;
    /** HNSW index forced, no filters. */
    unfiltered: number;
    /** As `filtered`/`unfiltered`, counting a result as near as the exact 10th as found (ann-benchmarks). */
    filteredWithTies: number;
    unfilteredWithTies: number;
    /** The vector query as the planner runs it, with the users' filters. */
    planned: number;
    queries: number;
    /** Whether the planner used the HNSW index at all (without it, recall is trivially 1). */
    hnswUsedFiltered: boolean;
    hnswUsedUnfiltered: boolean;
  };
  /** Generated questions whose expected fact is in the answer (a sanity check that data is sound). */
  answerAccuracy: { n: number; accuracy: number };
  explain: Record<string, string>;
}

/**
 * `hnsw` is the vector query as the planner runs it (with a selective filter it may scan instead);
 * `hnswIndex` the same query with the planner steered onto the HNSW index: the bare index query.
 */
export type MethodName =
  'hybrid' | 'answer' | 'hnsw' | 'hnswIndex' | 'exact' | 'terms' | 'fulltext' | 'embed';

interface Prepared {
  q: BenchQuery;
  filter: SearchFilter;
  vector: number[];
  terms: string[];
  language: 'fi' | 'sv' | 'en';
  /** What the searcher asks of the index for this query (narrowed as it narrows it). */
  hq: HybridQuery;
}

/**
 * Times `run` over the queries in order: for the budget's seconds (within its minimum and maximum
 * count), or exactly `count` queries when given, so that two methods can be compared on one sample.
 */
export async function timeLoop<T>(
  items: T[],
  budget: RetrievalBudget,
  run: (item: T) => Promise<unknown>,
  count?: number,
): Promise<number[]> {
  const times: number[] = [];
  const until = performance.now() + budget.secondsPerMethod * 1000;
  for (let i = 0; i < (count ?? budget.maxQueries); i++) {
    if (count === undefined && i >= budget.minQueries && performance.now() > until) break;
    const item = items[i % items.length]!;
    const t0 = performance.now();
    await run(item);
    times.push(performance.now() - t0);
  }
  return times;
}

/** EXPLAIN (ANALYZE, BUFFERS) of a statement, as text. Plain parameterised SQL from src/store. */
async function explain(pool: pg.Pool, sql: string, params: unknown[], analyze = true): Promise<string> {
  const r = await pool.query<{ 'QUERY PLAN': string }>(
    `EXPLAIN ${analyze ? '(ANALYZE, BUFFERS) ' : ''}${sql}`,
    params,
  );
  // The query vector is hundreds of numbers: shown as its size, not its values.
  return r.rows.map((x) => x['QUERY PLAN'].replace(/'\[[-0-9.,e]{200,}\]'/g, "'[…vector…]'")).join('\n');
}

const FILTER_SQL = `c.active
  AND ($1::text = 'staff' OR c.audience = 'public')
  AND ($2::text IS NULL OR lower(c.municipality) = lower($2::text) OR (c.municipality IS NULL AND NOT $3::boolean))
  AND ($4::text IS NULL OR c.language = $4::text)`;

const vectorSql = (
  dims: number,
) => `SELECT c.id, 1 - (c.embedding::vector(${dims}) <=> $5::vector(${dims})) AS score
     FROM chunks c WHERE ${FILTER_SQL}
     ORDER BY c.embedding::vector(${dims}) <=> $5::vector(${dims}) LIMIT $6`;

/**
 * The vector query with the planner steered onto the HNSW index (no scans, no sort), in a
 * transaction so the settings end with it: the index's own recall, whatever the planner prefers.
 */
async function forcedHnswSearch(
  pool: pg.Pool,
  dims: number,
  vector: number[],
  f: SearchFilter,
  limit: number,
): Promise<Array<{ id: number; score: number }>> {
  return inTransaction(pool, async (client) => {
    for (const s of ['enable_seqscan', 'enable_bitmapscan', 'enable_sort'])
      await client.query(`SET LOCAL ${s} = off`);
    return vectorSearch(client as unknown as pg.Pool, dims, vector, f, limit);
  });
}

/** Whether the planner answers the vector query through the HNSW index (else: a scan and a sort). */
async function usesHnsw(pool: pg.Pool, dims: number, f: SearchFilter, vector: number[]): Promise<boolean> {
  const plan = await explain(
    pool,
    vectorSql(dims),
    [f.audience, f.municipality, !!f.municipalityOnly, f.language, `[${vector.join(',')}]`, CANDIDATES],
    false,
  );
  return /chunks_embedding_hnsw/.test(plan);
}

/**
 * The hybrid search's candidates for one query as one statement (hybridCandidatesSql), explained:
 * on a server the search sends its three lists as separate statements, with the same plans.
 */
async function explainHybrid(pool: pg.Pool, p: Prepared): Promise<string> {
  const { text, values } = hybridCandidatesSql(p.hq);
  return explain(pool, text, values);
}

export async function measureRetrieval(
  services: Services,
  queries: BenchQuery[],
  budget: RetrievalBudget,
  log: (line: string) => void,
): Promise<RetrievalResult> {
  const pool = services.db.pool;
  const dims = services.embedder.dimensions;
  // The baselines take the BM25 path where the search does (no municipality, index present).
  const lexical = await lexicalIndexes(pool);
  // A fresh searcher: its per-chunk term cache starts empty, as after a restart.
  const searcher = new HybridSearcher(pool, services.embedder, services.analyzer, {
    candidatesApart: services.db.kind === 'postgres',
  });
  const t0 = performance.now();
  await searcher.search(queries[0]!.text, { audience: 'public', municipality: queries[0]!.municipality });
  const firstSearchMs = performance.now() - t0;

  const prepared: Prepared[] = [];
  const embedTimes: number[] = [];
  for (const q of queries.slice(0, budget.maxQueries)) {
    const a = await searcher.analyse(q.text);
    const e0 = performance.now();
    const vector = await services.embedder.embedQuery(q.text, a.language);
    embedTimes.push(performance.now() - e0);
    prepared.push({
      q,
      filter: { audience: 'public', municipality: q.municipality, language: null },
      vector,
      terms: a.terms,
      language: a.language,
      hq: await searcher.candidateQuery(q.text, { audience: 'public', municipality: q.municipality }, a, vector),
    });
  }

  const latency = {} as Record<MethodName, LatencySummary>;
  latency.embed = summarize(embedTimes);
  const hybridTimes = await timeLoop(prepared, budget, (p) =>
    searcher.search(p.q.text, { audience: 'public', municipality: p.q.municipality }),
  );
  latency.hybrid = summarize(hybridTimes);
  log(
    `    hybrid      p50 ${latency.hybrid.p50.toFixed(1)} ms  p95 ${latency.hybrid.p95.toFixed(1)} ms  (${hybridTimes.length})`,
  );
  // The cheap baselines run exactly the queries the hybrid search ran, in the same order: a p95
  // over another sample of the mix (the hybrid's 10 s took 620 of the 752 queries at 100k, the
  // vector query all of them and 248 again) compared unlike tails.
  const same = hybridTimes.length;
  const hnswTimes = await timeLoop(
    prepared,
    budget,
    (p) => vectorSearch(pool, dims, p.vector, p.filter, CANDIDATES),
    same,
  );
  latency.hnsw = summarize(hnswTimes);
  // Both loops ran the same queries in the same order: the i-th time is of prepared[i % n].
  const openOnly = (times: number[]) => times.filter((_, i) => !prepared[i % prepared.length]!.filter.municipality);
  const withoutMunicipality = {
    hybrid: summarize(openOnly(hybridTimes)),
    hnsw: summarize(openOnly(hnswTimes)),
    bm25: lexical.terms,
  };
  log(
    `    vector      p50 ${latency.hnsw.p50.toFixed(1)} ms  p95 ${latency.hnsw.p95.toFixed(1)} ms  (${latency.hnsw.n}, as planned)`,
  );
  // The bare index query: the planner steered onto HNSW in one transaction; only the query is timed.
  {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      for (const x of ['enable_seqscan', 'enable_bitmapscan', 'enable_sort'])
        await client.query(`SET LOCAL ${x} = off`);
      latency.hnswIndex = summarize(
        await timeLoop(prepared, budget, (p) =>
          vectorSearch(client as unknown as pg.Pool, dims, p.vector, p.filter, CANDIDATES),
        ),
      );
    } finally {
      await client.query('ROLLBACK').catch(() => {});
      client.release();
    }
  }
  log(
    `    HNSW index  p50 ${latency.hnswIndex.p50.toFixed(1)} ms  p95 ${latency.hnswIndex.p95.toFixed(1)} ms  (${latency.hnswIndex.n}, planner steered onto the index)`,
  );
  latency.exact = summarize(
    await timeLoop(prepared, budget, (p) => exactVectorSearch(pool, dims, p.vector, p.filter, CANDIDATES)),
  );
  log(
    `    exact scan  p50 ${latency.exact.p50.toFixed(1)} ms  p95 ${latency.exact.p95.toFixed(1)} ms  (${latency.exact.n})`,
  );
  latency.terms = summarize(
    await timeLoop(prepared, budget, (p) => termSearch(pool, p.terms, p.filter, CANDIDATES, lexical), same),
  );
  log(
    `    terms       p50 ${latency.terms.p50.toFixed(1)} ms  p95 ${latency.terms.p95.toFixed(1)} ms  (${latency.terms.n})`,
  );
  latency.fulltext = summarize(
    await timeLoop(
      prepared,
      budget,
      (p) => fullTextSearch(pool, p.q.text, FTS_CONFIG[p.language], p.filter, CANDIDATES / 2, lexical),
      same,
    ),
  );
  log(
    `    full text   p50 ${latency.fulltext.p50.toFixed(1)} ms  p95 ${latency.fulltext.p95.toFixed(1)} ms  (${latency.fulltext.n})`,
  );

  // The extractive answer as the assistant asks for it (search + sentence picking + citations).
  let right = 0;
  let judged = 0;
  const answerTimes = await timeLoop(prepared, budget, async (p) => {
    const a = await services.answerer.ask(p.q.text, {
      audience: 'public',
      municipality: p.q.municipality,
      language: p.q.language,
    });
    if (p.q.expectAny) {
      judged++;
      if (a.answered && p.q.expectAny.some((e) => a.text.includes(e))) right++;
    }
  });
  latency.answer = summarize(answerTimes);
  log(
    `    answer      p50 ${latency.answer.p50.toFixed(1)} ms  p95 ${latency.answer.p95.toFixed(1)} ms  (${answerTimes.length})`,
  );

  // Stage breakdown: the hybrid search's own steps, timed one by one on the same queries.
  const stages: Record<string, number[]> = {
    analyse: [],
    embed: [],
    'candidate SQL': [],
  };
  const breakdownN = Math.min(prepared.length, Math.max(20, Math.min(100, hybridTimes.length)));
  for (const p of prepared.slice(0, breakdownN)) {
    let t = performance.now();
    const a = await searcher.analyse(p.q.text);
    stages.analyse!.push(performance.now() - t);
    t = performance.now();
    const vector = await services.embedder.embedQuery(p.q.text, a.language);
    stages.embed!.push(performance.now() - t);
    const hq = await searcher.candidateQuery(p.q.text, { audience: 'public', municipality: p.q.municipality }, a, vector);
    t = performance.now();
    await searcher.fetchCandidates(hq);
    stages['candidate SQL']!.push(performance.now() - t);
  }
  const hybridStages: Record<string, number> = Object.fromEntries(
    Object.entries(stages).map(([k, v]) => [k, mean(v)]),
  );
  const accounted = Object.values(hybridStages).reduce((s, x) => s + x, 0);
  hybridStages['re-scoring and the rest'] = Math.max(0, latency.hybrid.mean - accounted);

  // Recall@10 against the exact scan: as the planner runs the query (what users get; on a small
  // index the planner may skip HNSW and scan, which is exact), and through the HNSW index forced
  // (the index's own recall), with the users' filters and without.
  const recPlanned: number[] = [];
  const recF: number[] = [];
  const recU: number[] = [];
  const tieF: number[] = [];
  const tieU: number[] = [];
  const everything: SearchFilter = { audience: 'staff', municipality: null, language: null };
  const ids = (rows: Array<{ id: number }>) => rows.map((x) => x.id);
  const scores = (rows: Array<{ score: number }>) => rows.map((x) => x.score);
  for (const p of prepared.slice(0, budget.recallQueries)) {
    const exactF = await exactVectorSearch(pool, dims, p.vector, p.filter, 10);
    const exactU = await exactVectorSearch(pool, dims, p.vector, everything, 10);
    recPlanned.push(recallAtK(ids(await vectorSearch(pool, dims, p.vector, p.filter, 10)), ids(exactF), 10));
    const hnswF = await forcedHnswSearch(pool, dims, p.vector, p.filter, 10);
    const hnswU = await forcedHnswSearch(pool, dims, p.vector, everything, 10);
    recF.push(recallAtK(ids(hnswF), ids(exactF), 10));
    recU.push(recallAtK(ids(hnswU), ids(exactU), 10));
    tieF.push(recallAtKWithTies(scores(hnswF), scores(exactF), 10));
    tieU.push(recallAtKWithTies(scores(hnswU), scores(exactU), 10));
  }
  const withFilter = prepared.find((p) => p.filter.municipality) ?? prepared[0]!;
  const recallAt10 = {
    filtered: mean(recF),
    unfiltered: mean(recU),
    filteredWithTies: mean(tieF),
    unfilteredWithTies: mean(tieU),
    planned: mean(recPlanned),
    queries: recF.length,
    hnswUsedFiltered: await usesHnsw(pool, dims, withFilter.filter, withFilter.vector),
    hnswUsedUnfiltered: await usesHnsw(pool, dims, everything, withFilter.vector),
  };
  log(
    `    recall@10   HNSW with filters ${recallAt10.filtered.toFixed(3)} (ties counted ${recallAt10.filteredWithTies.toFixed(3)}), ` +
      `without ${recallAt10.unfiltered.toFixed(3)} (${recallAt10.unfilteredWithTies.toFixed(3)}); ` +
      `as planned ${recallAt10.planned.toFixed(3)}${recallAt10.hnswUsedFiltered ? '' : ' (planner chose a scan, not HNSW)'}  (${recF.length} queries)`,
  );

  // A query with a municipality chosen: the common case, and the one filters make hardest.
  // And one without, which takes the BM25 path where the index exists.
  const sample = prepared.find((p) => p.filter.municipality) ?? prepared[0]!;
  const open = prepared.find((p) => !p.filter.municipality && p.language === 'fi');
  const explainOut: Record<string, string> = {
    query: `${sample.q.text}  [municipality: ${sample.q.municipality ?? 'none'}]`,
    'one statement': await explainHybrid(pool, sample),
  };
  if (open) {
    explainOut['query without a municipality'] = open.q.text;
    explainOut['one statement, no municipality'] = await explainHybrid(pool, open);
  }

  return {
    queries: prepared.length,
    firstSearchMs,
    latency,
    hybridStages,
    withoutMunicipality,
    recallAt10,
    answerAccuracy: { n: judged, accuracy: judged ? right / judged : NaN },
    explain: explainOut,
  };
}
