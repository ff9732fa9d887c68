/**
 * Probe: recall@10 of the vector query through the HNSW index (planner steered onto it) with a
 * municipality filter, under hnsw.max_scan_tuples / scan_mem_multiplier settings. Opens a kept
 * index without re-analysing it (recall compares HNSW with the exact scan on the stored vectors):
 *
 *   npx tsx bench/probes/hnsw-recall.ts /tmp/kumppani-bench-100000-XXXX
 */
import { join } from 'node:path';
import type pg from 'pg';
import { loadConfig } from '../../src/config.ts';
import { exactVectorSearch, vectorSearch, type SearchFilter } from '../../src/store/search.ts';
import { EVAL_FILE } from '../run.ts';
import { queriesForIndex } from '../queries.ts';
import { recallAtK, summarize } from '../stats.ts';
const root = process.argv[2]!;
import { openDatabase } from '../../src/store/db.ts';
import { Analyzer } from '../../src/retrieval/analyzer.ts';
import { loadThesaurus } from '../../src/retrieval/thesaurus.ts';
import { createEmbedder } from '../../src/retrieval/embedder.ts';
const db = await openDatabase({ dataDir: join(root, 'data'), migrate: false });
const analyzer = new Analyzer(loadThesaurus());
const s = { embedder: await createEmbedder(loadConfig(), analyzer), close: () => db.close() };
const pool = db.pool;
const dims = s.embedder.dimensions;
const qs = (await queriesForIndex(pool, { evalFile: EVAL_FILE, seed: 8, generated: 150 }))
  .filter((q) => q.municipality)
  .slice(0, 40);
const prep = [];
for (const q of qs) {
  const v = await s.embedder.embedQuery(q.text);
  const f: SearchFilter = { audience: 'public', municipality: q.municipality, language: null };
  prep.push({ v, f, ex: (await exactVectorSearch(pool, dims, v, f, 10)).map((x) => x.id) });
}
const combos: Record<string, string>[] = [
  { 'hnsw.max_scan_tuples': '20000' },
  { 'hnsw.max_scan_tuples': '50000' },
  { 'hnsw.max_scan_tuples': '100000' },
  { 'hnsw.max_scan_tuples': '100000', 'hnsw.scan_mem_multiplier': '4' },
];
for (const c of combos) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    for (const x of ['enable_seqscan', 'enable_bitmapscan', 'enable_sort'])
      await client.query(`SET LOCAL ${x} = off`);
    for (const [k, v] of Object.entries(c)) await client.query(`SET LOCAL ${k} = ${v}`);
    const r: number[] = [],
      t: number[] = [];
    for (const p of prep) {
      const t0 = performance.now();
      const got = await vectorSearch(client as unknown as pg.Pool, dims, p.v, p.f, 10);
      t.push(performance.now() - t0);
      r.push(
        recallAtK(
          got.map((x) => x.id),
          p.ex,
          10,
        ),
      );
    }
    const l = summarize(t);
    console.log(
      JSON.stringify(c),
      `recall ${(r.reduce((a, b) => a + b, 0) / r.length).toFixed(3)} p50 ${l.p50.toFixed(0)} p95 ${l.p95.toFixed(0)} ms`,
    );
  } finally {
    await client.query('ROLLBACK');
    client.release();
  }
}
await s.close();
