/**
 * Probes behind the proposals in bench/README.md ("What the figures say"): run on an index the
 * benchmark kept (`kumppani bench --scales 100000 --keep` prints its folder), they time the
 * retrieval SQL as it is and as it could be (HNSW settings and their recall, one statement
 * instead of four, the searcher's term cache cold and warm), on the same data:
 *
 *   npx tsx bench/experiments.ts /tmp/kumppani-bench-100000-XXXX [--seed 1] [--queries 150]
 *
 * It only reads (settings are changed inside transactions that are rolled back), but run it on a
 * kept copy, never on a production database. Prints one line per probe and the whole as JSON.
 */
import { join } from 'node:path';
import type pg from 'pg';
import type { Services } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { HybridSearcher } from '../src/retrieval/searcher.ts';
import {
  exactVectorSearch,
  fetchChunks,
  fullTextSearch,
  termSearch,
  termsQuery,
  vectorSearch,
  type SearchFilter,
} from '../src/store/search.ts';
import { EVAL_FILE, openServices } from './run.ts';
import { buildQueries, type BenchQuery } from './queries.ts';
import { mean, recallAtK, recallAtKWithTies, summarize, type LatencySummary } from './stats.ts';
import { makeTown } from './towns.ts';

const FTS = { fi: 'finnish', sv: 'swedish', en: 'english' } as const;
const FILTER = `c.active
  AND ($1::text = 'staff' OR c.audience = 'public')
  AND ($2::text IS NULL OR lower(c.municipality) = lower($2::text) OR (c.municipality IS NULL AND NOT $3::boolean))
  AND ($4::text IS NULL OR c.language = $4::text)`;

interface Prepared {
  q: BenchQuery;
  filter: SearchFilter;
  vector: number[];
  terms: string[];
  language: 'fi' | 'sv' | 'en';
}

const results: Record<string, unknown> = {};
const line = (name: string, l: LatencySummary, extra = '') => {
  results[name] = { ...l, extra };
  process.stdout.write(
    `${name.padEnd(58)} p50 ${l.p50.toFixed(2).padStart(8)} ms  p95 ${l.p95.toFixed(2).padStart(8)} ms  ${extra}\n`,
  );
};

async function time<T>(items: T[], fn: (x: T) => Promise<unknown>): Promise<LatencySummary> {
  const out: number[] = [];
  for (const x of items) {
    const t0 = performance.now();
    await fn(x);
    out.push(performance.now() - t0);
  }
  return summarize(out);
}

/** Runs `fn` on one client inside a transaction with `settings` (SET LOCAL), then rolls back. */
async function withSettings<T>(
  pool: pg.Pool,
  settings: Record<string, string>,
  fn: (db: pg.Pool) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    for (const [k, v] of Object.entries(settings)) await client.query(`SET LOCAL ${k} = ${v}`);
    return await fn(client as unknown as pg.Pool);
  } finally {
    await client.query('ROLLBACK').catch(() => {});
    client.release();
  }
}

const filterParams = (f: SearchFilter) => [f.audience, f.municipality, !!f.municipalityOnly, f.language];

/** The hybrid search's candidate lists and chunk rows in ONE statement (what a store function could send). */
function oneStatementSql(dims: number): string {
  const d = dims;
  return `WITH v AS MATERIALIZED (
      SELECT c.id, c.embedding::vector(${d}) <=> $5::vector(${d}) AS dist FROM chunks c WHERE ${FILTER}
      ORDER BY c.embedding::vector(${d}) <=> $5::vector(${d}) LIMIT 40),
    t AS MATERIALIZED (
      SELECT c.id, ts_rank(c.terms, $6::tsquery) AS s FROM chunks c WHERE ${FILTER} AND c.terms @@ $6::tsquery
      ORDER BY s DESC, c.id LIMIT 40),
    f AS MATERIALIZED (
      SELECT c.id, ts_rank_cd(c.fts, qq.q) AS s
      FROM chunks c, (SELECT replace(plainto_tsquery($7::regconfig, $8)::text, '&', '|')::tsquery AS q) AS qq
      WHERE ${FILTER} AND c.fts @@ qq.q ORDER BY s DESC, c.id LIMIT 20),
    ranked AS (
      SELECT 'v' AS list, id, row_number() OVER (ORDER BY dist) AS rank, 1 - dist AS score FROM v
      UNION ALL SELECT 't', id, row_number() OVER (ORDER BY s DESC, id), s FROM t
      UNION ALL SELECT 'f', id, row_number() OVER (ORDER BY s DESC, id), s FROM f),
    lists AS (SELECT id, json_agg(json_build_array(list, rank, score)) AS lists FROM ranked GROUP BY id)
    SELECT l.lists, c.id, c.document_id, d.source, d.title, c.section, c.page, d.url, d.municipality,
           to_char(d.doc_date, 'YYYY-MM-DD') AS date, c.language, c.text, c.ord
    FROM lists l JOIN chunks c ON c.id = l.id JOIN documents d ON d.id = c.document_id`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const root = args.find((a) => !a.startsWith('--'));
  if (!root)
    throw new Error('usage: npx tsx bench/experiments.ts KEPT_BENCH_FOLDER [--seed N] [--queries N]');
  const seed = Number(args[args.indexOf('--seed') + 1] ?? 1) || 1;
  const nQueries = Number(args[args.indexOf('--queries') + 1] ?? 150) || 150;
  const base = loadConfig();
  const services: Services = await openServices(base, join(root, 'data'));
  const pool = services.db.pool;
  const dims = services.embedder.dimensions;
  try {
    const towns = Number(
      (await pool.query<{ n: string }>('SELECT count(DISTINCT municipality) AS n FROM documents')).rows[0]!.n,
    );
    const queries = buildQueries({
      evalFile: EVAL_FILE,
      towns: Array.from({ length: towns }, (_, i) => makeTown(seed, i)),
      seed: seed + 7,
      generated: nQueries,
    })
      .filter((q) => q.municipality)
      .slice(0, nQueries);
    const searcher = new HybridSearcher(pool, services.embedder, services.analyzer);
    const t0 = performance.now();
    await searcher.search(queries[0]!.text, { audience: 'public', municipality: queries[0]!.municipality });
    results.firstSearchMs = performance.now() - t0;
    process.stdout.write(
      `index: ${towns} municipalities; ${queries.length} queries with a municipality chosen; first search ${(results.firstSearchMs as number).toFixed(0)} ms\n`,
    );
    const prepared: Prepared[] = [];
    for (const q of queries) {
      const a = await searcher.analyse(q.text);
      prepared.push({
        q,
        filter: { audience: 'public', municipality: q.municipality, language: null },
        vector: await services.embedder.embedQuery(q.text, a.language),
        terms: a.terms,
        language: a.language,
      });
    }

    line('SELECT 1 (per-statement overhead)', await time(prepared, () => pool.query('SELECT 1')));

    const probeSql = async (label: string) => {
      line(
        `${label}: vector query as planned`,
        await time(prepared, (p) => vectorSearch(pool, dims, p.vector, p.filter, 40)),
      );
      line(`${label}: terms query`, await time(prepared, (p) => termSearch(pool, p.terms, p.filter, 40)));
      line(
        `${label}: full-text query`,
        await time(prepared, (p) => fullTextSearch(pool, p.q.text, FTS[p.language], p.filter, 20)),
      );
      const idLists: number[][] = [];
      for (const p of prepared)
        idLists.push((await vectorSearch(pool, dims, p.vector, p.filter, 80)).map((x) => x.id));
      line(`${label}: fetch 80 chunks by id`, await time(idLists, (ids) => fetchChunks(pool, ids)));
      const plan = await pool.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT c.id FROM chunks c WHERE ${FILTER} ORDER BY c.embedding::vector(${dims}) <=> $5::vector(${dims}) LIMIT 40`,
        [...filterParams(prepared[0]!.filter), `[${prepared[0]!.vector.join(',')}]`],
      );
      const usesHnsw = plan.rows.some((r) => /hnsw/.test(r['QUERY PLAN']));
      results[`${label}: vector plan`] = plan.rows.map((r) => r['QUERY PLAN']).join('\n');
      process.stdout.write(
        `${label}: the planner ${usesHnsw ? 'uses the HNSW index' : 'scans (no HNSW)'} for a filtered vector query\n`,
      );
    };

    await probeSql('as is');

    // Recall and latency of the HNSW index itself under the settings pgvector offers.
    const recallSettings: Array<[string, Record<string, string>]> = [
      [
        'ef 100, relaxed_order (current)',
        { 'hnsw.ef_search': '100', 'hnsw.iterative_scan': 'relaxed_order' },
      ],
      ['ef 100, strict_order', { 'hnsw.ef_search': '100', 'hnsw.iterative_scan': 'strict_order' }],
      ['ef 100, no iterative scan', { 'hnsw.ef_search': '100', 'hnsw.iterative_scan': 'off' }],
      ['ef 200, relaxed_order', { 'hnsw.ef_search': '200', 'hnsw.iterative_scan': 'relaxed_order' }],
      ['ef 400, relaxed_order', { 'hnsw.ef_search': '400', 'hnsw.iterative_scan': 'relaxed_order' }],
    ];
    const exactF = new Map<number, Array<{ id: number; score: number }>>();
    const exactU = new Map<number, Array<{ id: number; score: number }>>();
    const all: SearchFilter = { audience: 'staff', municipality: null, language: null };
    for (const [i, p] of prepared.entries()) {
      exactF.set(i, await exactVectorSearch(pool, dims, p.vector, p.filter, 10));
      exactU.set(i, await exactVectorSearch(pool, dims, p.vector, all, 10));
    }
    line(
      'exact scan, filtered (10)',
      await time(prepared, (p) => exactVectorSearch(pool, dims, p.vector, p.filter, 10)),
    );
    for (const [name, settings] of recallSettings) {
      for (const [label, filterOf, truth] of [
        ['filtered', (p: Prepared) => p.filter, exactF],
        ['unfiltered', () => all, exactU],
      ] as const) {
        const rec: number[] = [];
        const ties: number[] = [];
        const times: number[] = [];
        await withSettings(
          pool,
          { ...settings, enable_seqscan: 'off', enable_bitmapscan: 'off', enable_sort: 'off' },
          async (db) => {
            for (const [i, p] of prepared.entries()) {
              const t = performance.now();
              const got = await vectorSearch(db, dims, p.vector, filterOf(p), 10);
              times.push(performance.now() - t);
              rec.push(
                recallAtK(
                  got.map((x) => x.id),
                  truth.get(i)!.map((x) => x.id),
                  10,
                ),
              );
              ties.push(
                recallAtKWithTies(
                  got.map((x) => x.score),
                  truth.get(i)!.map((x) => x.score),
                  10,
                ),
              );
            }
          },
        );
        line(
          `HNSW ${label}, ${name}`,
          summarize(times),
          `recall@10 ${mean(rec).toFixed(3)} (ties counted ${mean(ties).toFixed(3)})`,
        );
      }
    }
    // pgvector's advice for relaxed_order: re-sort what the index returns in a materialized CTE.
    {
      const rec: number[] = [];
      const times: number[] = [];
      await withSettings(
        pool,
        {
          'hnsw.ef_search': '100',
          'hnsw.iterative_scan': 'relaxed_order',
          enable_seqscan: 'off',
          enable_bitmapscan: 'off',
        },
        async (db) => {
          for (const [i, p] of prepared.entries()) {
            const t = performance.now();
            const r = await db.query<{ id: string }>(
              `WITH nn AS MATERIALIZED (SELECT c.id, c.embedding::vector(${dims}) <=> $5::vector(${dims}) AS dist FROM chunks c WHERE ${FILTER}
               ORDER BY c.embedding::vector(${dims}) <=> $5::vector(${dims}) LIMIT 40)
             SELECT id FROM nn ORDER BY dist LIMIT 10`,
              [...filterParams(p.filter), `[${p.vector.join(',')}]`],
            );
            times.push(performance.now() - t);
            rec.push(
              recallAtK(
                r.rows.map((x) => Number(x.id)),
                exactF.get(i)!.map((x) => x.id),
                10,
              ),
            );
          }
        },
      );
      line(
        'HNSW filtered, relaxed_order, 40 re-sorted to 10',
        summarize(times),
        `recall@10 ${mean(rec).toFixed(3)}`,
      );
    }

    // One statement for the three candidate lists and the rows, against four statements.
    const sql = oneStatementSql(dims);
    line(
      'hybrid SQL as 4 statements (vector, terms, full text, fetch)',
      await time(prepared, async (p) => {
        const v = await vectorSearch(pool, dims, p.vector, p.filter, 40);
        const l = await termSearch(pool, p.terms, p.filter, 40);
        const f = await fullTextSearch(pool, p.q.text, FTS[p.language], p.filter, 20);
        await fetchChunks(pool, [...new Set([...v, ...l, ...f].map((x) => x.id))]);
      }),
    );
    line(
      'hybrid SQL as 1 statement (CTEs)',
      await time(prepared, (p) =>
        pool.query(sql, [
          ...filterParams(p.filter),
          `[${p.vector.join(',')}]`,
          termsQuery(p.terms),
          FTS[p.language],
          p.q.text,
        ]),
      ),
    );
    // The searcher whole, with its per-chunk term cache cold (first pass) and warm (second).
    const cold = new HybridSearcher(pool, services.embedder, services.analyzer);
    await cold.search(prepared[0]!.q.text, { audience: 'public', municipality: prepared[0]!.q.municipality });
    line(
      'HybridSearcher.search, cold term cache',
      await time(prepared, (p) =>
        cold.search(p.q.text, { audience: 'public', municipality: p.q.municipality }),
      ),
    );
    line(
      'HybridSearcher.search, warm term cache',
      await time(prepared, (p) =>
        cold.search(p.q.text, { audience: 'public', municipality: p.q.municipality }),
      ),
    );

    // Questions with no municipality: the lexical queries then rank every chunk that matches any
    // of the question's terms (an OR query), which on a large index is most of it.
    const open: Prepared[] = [];
    for (const q of buildQueries({
      evalFile: EVAL_FILE,
      towns: Array.from({ length: towns }, (_, i) => makeTown(seed, i)),
      seed: seed + 11,
      generated: nQueries,
    })
      .filter((x) => !x.municipality)
      .slice(0, nQueries)) {
      const a = await searcher.analyse(q.text);
      // The three most specific words (highest weight) and their features.
      const rare = [...a.tokens]
        .sort((x, y) => y.weight - x.weight)
        .slice(0, 3)
        .flatMap((t) => t.features);
      open.push({
        q,
        filter: { audience: 'public', municipality: null, language: null },
        vector: await services.embedder.embedQuery(q.text, a.language),
        terms: a.terms,
        language: a.language,
        rare,
      } as Prepared & { rare: string[] });
    }
    const matched: number[] = [];
    for (const p of open) {
      const r = await pool.query<{ n: string }>(
        `SELECT count(*) AS n FROM chunks c WHERE ${FILTER} AND c.terms @@ $5::tsquery`,
        [...filterParams(p.filter), termsQuery(p.terms)],
      );
      matched.push(Number(r.rows[0]!.n));
    }
    process.stdout.write(
      `no municipality: ${open.length} questions; their terms query matches ${mean(matched).toFixed(0)} chunks on average (of ${(await pool.query<{ n: string }>('SELECT count(*) AS n FROM chunks WHERE active')).rows[0]!.n} active)\n`,
    );
    line(
      'no municipality: vector query',
      await time(open, (p) => vectorSearch(pool, dims, p.vector, p.filter, 40)),
    );
    line(
      'no municipality: terms query (all terms, OR)',
      await time(open, (p) => termSearch(pool, p.terms, p.filter, 40)),
    );
    line(
      'no municipality: terms query, 3 most specific words only',
      await time(open, (p) => termSearch(pool, (p as Prepared & { rare: string[] }).rare, p.filter, 40)),
    );
    line(
      'no municipality: full-text query',
      await time(open, (p) => fullTextSearch(pool, p.q.text, FTS[p.language], p.filter, 20)),
    );
    line(
      'no municipality: HybridSearcher.search',
      await time(open, (p) => cold.search(p.q.text, { audience: 'public', municipality: null })),
    );

    if (args.includes('--bm25')) {
      // pg_textsearch (loaded with the embedded database) ranks top k with Block-Max WAND from a
      // BM25 index instead of scoring every match. Builds an index: use a copy of the kept folder.
      await pool.query('CREATE EXTENSION IF NOT EXISTS pg_textsearch');
      const t1 = performance.now();
      await pool.query(
        `CREATE INDEX IF NOT EXISTS chunks_text_bm25 ON chunks USING bm25 (text) WITH (text_config = 'finnish')`,
      );
      process.stdout.write(
        `BM25 index (pg_textsearch, finnish) built in ${((performance.now() - t1) / 1000).toFixed(1)} s\n`,
      );
      line(
        'no municipality: BM25 top 20 (pg_textsearch index)',
        await time(open, (p) =>
          pool.query(
            `SELECT id FROM chunks ORDER BY text <@> to_bm25query($1, 'chunks_text_bm25') LIMIT 20`,
            [p.q.text],
          ),
        ),
      );
      line(
        'no municipality: BM25 top 20, active public only',
        await time(open, (p) =>
          pool.query(
            `SELECT id FROM chunks WHERE active AND audience = 'public' ORDER BY text <@> to_bm25query($1, 'chunks_text_bm25') LIMIT 20`,
            [p.q.text],
          ),
        ),
      );
      const plan = await pool.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN ANALYZE SELECT id FROM chunks WHERE active AND audience = 'public' ORDER BY text <@> to_bm25query($1, 'chunks_text_bm25') LIMIT 20`,
        [open[0]!.q.text],
      );
      results.bm25Plan = plan.rows.map((r) => r['QUERY PLAN']).join('\n');
      process.stdout.write(`${results.bm25Plan as string}\n`);
    }

    process.stdout.write(`\n${JSON.stringify(results, null, 2)}\n`);
  } finally {
    await services.close();
  }
}

await main();
