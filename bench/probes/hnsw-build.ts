/**
 * Probe: HNSW build settings (m, ef_construction) against recall@10 through the index (planner
 * steered onto it), with and without a municipality, build time and query time. It drops and
 * rebuilds the index of the kept copy it is given (use a copy):
 *
 *   cp -r /tmp/kumppani-bench-10000-XXXX /tmp/k10 && npx tsx bench/probes/hnsw-build.ts /tmp/k10 16:64,16:128,16:200
 *
 * At 10k chunks (2026-11-29): m 16 / ef_construction 64: 0.867 unfiltered, 0.930 filtered, build
 * 4.0 s; 16/128: 0.926, 0.991, 5.6 s; 16/200: 0.972, 0.994, 8.2 s; 16/256: 0.981, 0.991, 9.6 s;
 * 24/128 and 32/200 were no better than 16/128 and 16/200. Query p50 2-3 ms without and 9-10 ms
 * with a municipality throughout. At 100k (a copy of the benchmark's kept index): 16/200: 0.684
 * unfiltered, 0.916 filtered, build 533 s; 16/400: 0.728, 0.944, 848 s; 32/200: 0.800, 0.949,
 * 1120 s. Query time at ef_search (not a build setting) on the same index, unfiltered: 100 gives
 * 0.78 (p95 21 ms), 200 0.82 (28), 400 0.86 (38), 800 0.89 (48). The misses are not ties: a
 * missed result is a median 0.011 (cosine distance) beyond the exact 10th, and some queries find
 * none of the 10: the graph reaches the wrong cluster of near-identical templated chunks.
 */
import { join } from 'node:path';
import type pg from 'pg';
import { loadConfig } from '../../src/config.ts';
import { exactVectorSearch, vectorSearch, type SearchFilter } from '../../src/store/search.ts';
import { EVAL_FILE } from '../run.ts';
import { queriesForIndex } from '../queries.ts';
import { recallAtK, summarize } from '../stats.ts';
import { openDatabase } from '../../src/store/db.ts';
import { Analyzer } from '../../src/retrieval/analyzer.ts';
import { loadThesaurus } from '../../src/retrieval/thesaurus.ts';
import { createEmbedder } from '../../src/retrieval/embedder.ts';
const db = await openDatabase({ dataDir: join(process.argv[2]!, 'data'), migrate: false });
const analyzer = new Analyzer(loadThesaurus());
const embedder = await createEmbedder(loadConfig(), analyzer);
const pool = db.pool;
const dims = embedder.dimensions;
const qs = (await queriesForIndex(pool, { evalFile: EVAL_FILE, seed: 8, generated: 150 })).slice(0, 120);
const prep = [];
for (const q of qs) {
  const v = await embedder.embedQuery(q.text);
  for (const m of [null, q.municipality ?? null]) {
    if (m === null && q.municipality) continue;
    const f: SearchFilter = { audience: 'public', municipality: m, language: null };
    prep.push({ v, f, ex: (await exactVectorSearch(pool, dims, v, f, 10)).map((x) => x.id) });
  }
}
async function forced(v: number[], f: SearchFilter) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    for (const s of ['enable_seqscan', 'enable_bitmapscan', 'enable_sort'])
      await client.query(`SET LOCAL ${s} = off`);
    const r = await vectorSearch(client as unknown as pg.Pool, dims, v, f, 10);
    await client.query('COMMIT');
    return r.map((x) => x.id);
  } finally {
    client.release();
  }
}
for (const [m, efc] of (process.argv[3] ?? '16:64').split(',').map((x) => x.split(':').map(Number))) {
  await pool.query(`DROP INDEX IF EXISTS chunks_embedding_hnsw_${dims}`);
  let t = performance.now();
  await pool.query(
    `CREATE INDEX chunks_embedding_hnsw_${dims} ON chunks USING hnsw ((embedding::vector(${dims})) vector_cosine_ops) WITH (m = ${m}, ef_construction = ${efc})`,
  );
  const build = performance.now() - t;
  for (const filt of [false, true]) {
    const sub = prep.filter((p) => (p.f.municipality !== null) === filt);
    const rec: number[] = [];
    const lat: number[] = [];
    for (const p of sub) {
      t = performance.now();
      const got = await forced(p.v, p.f);
      lat.push(performance.now() - t);
      rec.push(recallAtK(got, p.ex, 10));
    }
    const l = summarize(lat);
    console.log(
      `m ${m} efc ${efc} build ${(build / 1000).toFixed(1)} s ${filt ? 'filtered' : 'unfiltered'} recall ${(rec.reduce((a, b) => a + b, 0) / rec.length).toFixed(3)} p50 ${l.p50.toFixed(1)} p95 ${l.p95.toFixed(1)} n ${sub.length}`,
    );
  }
}
process.exit(0);
