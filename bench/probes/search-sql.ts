/**
 * Probe: the search SQL before and after issue 7, on a kept index (opening it applies migration
 * 004, the BM25 indexes, and re-analyses it if the analysis changed): four statements against one,
 * the GIN queries against the BM25 path for questions without a municipality, the hybrid search
 * either way (and how often both give the same top hit / the expected fact), and recall@10 of the
 * vector query through the HNSW index taking the first 10 or re-sorting 40.
 *
 *   npx tsx bench/probes/search-sql.ts /tmp/kumppani-bench-100000-XXXX
 */
import { join } from 'node:path';
import type pg from 'pg';
import { createServices } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/kernel/log.ts';
import { HybridSearcher } from '../../src/retrieval/searcher.ts';
import {
  exactVectorSearch,
  fetchChunks,
  fullTextSearch,
  hybridCandidates,
  lexicalIndexes,
  termSearch,
  vectorSearch,
  type LexicalIndexes,
  type SearchFilter,
} from '../../src/store/search.ts';
import { EVAL_FILE } from '../run.ts';
import { queriesForIndex } from '../queries.ts';
import { recallAtK, summarize, type LatencySummary } from '../stats.ts';
const FTS = { fi: 'finnish', sv: 'swedish', en: 'english' } as const;
const FILTER = `c.active AND ($1::text = 'staff' OR c.audience = 'public')
  AND ($2::text IS NULL OR lower(c.municipality) = lower($2::text) OR (c.municipality IS NULL AND NOT $3::boolean))
  AND ($4::text IS NULL OR c.language = $4::text)`;
const fp = (f: SearchFilter) => [f.audience, f.municipality, !!f.municipalityOnly, f.language];
const line = (name: string, l: LatencySummary, extra = '') =>
  process.stdout.write(
    `${name.padEnd(60)} p50 ${l.p50.toFixed(2).padStart(8)}  p95 ${l.p95.toFixed(2).padStart(8)}  mean ${l.mean.toFixed(2).padStart(8)} ms ${extra}\n`,
  );
async function time<T>(items: T[], fn: (x: T) => Promise<unknown>) {
  const o: number[] = [];
  for (const x of items) {
    const t = performance.now();
    await fn(x);
    o.push(performance.now() - t);
  }
  return summarize(o);
}
const root = process.argv[2]!;
const base = loadConfig();
let t = performance.now();
const s = await createServices(
  { ...base, logLevel: 'silent', autoIngest: false, database: { dataDir: join(root, 'data') } },
  { logger: silentLogger },
);
console.log(`open + migrations ${(performance.now() - t).toFixed(0)} ms`);
const pool = s.db.pool;
const dims = s.embedder.dimensions;
const idx = await lexicalIndexes(pool);
const none: LexicalIndexes = { terms: false, text: false };
console.log('indexes', idx);
const all = await queriesForIndex(pool, { evalFile: EVAL_FILE, seed: 8, generated: 150 });
const searcher = new HybridSearcher(pool, s.embedder, s.analyzer);
t = performance.now();
await searcher.search('avustus', { audience: 'public', municipality: null });
console.log(`first search ${(performance.now() - t).toFixed(0)} ms`);
type P = {
  text: string;
  f: SearchFilter;
  v: number[];
  terms: string[];
  lang: 'fi' | 'sv' | 'en';
  expect?: string[];
};
const prep = async (qs: typeof all) => {
  const o: P[] = [];
  for (const q of qs) {
    const a = await searcher.analyse(q.text);
    o.push({
      text: q.text,
      f: { audience: 'public', municipality: q.municipality, language: null },
      v: await s.embedder.embedQuery(q.text, a.language),
      terms: a.terms,
      lang: a.language,
      expect: q.expectAny,
    });
  }
  return o;
};
const withM = await prep(all.filter((q) => q.municipality).slice(0, 100));
const noM = await prep(all.filter((q) => !q.municipality).slice(0, 80));
const oldVec = (db: pg.Pool, p: P, k: number) =>
  db.query(
    `SELECT c.id, 1 - (c.embedding::vector(${dims}) <=> $5::vector(${dims})) AS score FROM chunks c WHERE ${FILTER} ORDER BY c.embedding::vector(${dims}) <=> $5::vector(${dims}) LIMIT $6`,
    [...fp(p.f), `[${p.v.join(',')}]`, k],
  );
const four = async (p: P, ix: LexicalIndexes) => {
  const a = await oldVec(pool, p, 40);
  const b = await termSearch(pool, p.terms, p.f, 40, ix);
  const c = await fullTextSearch(pool, p.text, FTS[p.lang], p.f, 20, ix);
  await fetchChunks(pool, [
    ...new Set([...a.rows.map((x) => Number(x.id)), ...b.map((x) => x.id), ...c.map((x) => x.id)]),
  ]);
};
const one = (p: P, ix: LexicalIndexes) =>
  hybridCandidates(pool, {
    dims,
    vector: p.v,
    terms: p.terms,
    text: p.text,
    ftsConfig: FTS[p.lang],
    filter: p.f,
    candidates: 40,
    fullTextCandidates: 20,
    indexes: ix,
  });
for (const [label, set] of [
  ['with municipality', withM],
  ['no municipality', noM],
] as const) {
  console.log(`== ${label}: ${set.length}`);
  for (let rep = 0; rep < 2; rep++) {
    line(`${label}: old 4 statements (GIN)`, await time(set, (p) => four(p, none)));
    line(`${label}: 1 statement, GIN`, await time(set, (p) => one(p, none)));
    line(`${label}: 1 statement, BM25 where no municipality`, await time(set, (p) => one(p, idx)));
  }
  line(`${label}: vector old (limit 40)`, await time(set, (p) => oldVec(pool, p, 40)));
  line(
    `${label}: vector new (160 re-sorted to 40)`,
    await time(set, (p) => vectorSearch(pool, dims, p.v, p.f, 40)),
  );
  line(`${label}: terms GIN`, await time(set, (p) => termSearch(pool, p.terms, p.f, 40, none)));
  line(`${label}: terms BM25`, await time(set, (p) => termSearch(pool, p.terms, p.f, 40, idx)));
  line(
    `${label}: fulltext GIN`,
    await time(set, (p) => fullTextSearch(pool, p.text, FTS[p.lang], p.f, 20, none)),
  );
  line(
    `${label}: fulltext BM25`,
    await time(set, (p) => fullTextSearch(pool, p.text, FTS[p.lang], p.f, 20, idx)),
  );
  const sNone = new HybridSearcher(pool, s.embedder, s.analyzer);
  (sNone as unknown as { lexical: Promise<LexicalIndexes> }).lexical = Promise.resolve(none);
  const sIdx = new HybridSearcher(pool, s.embedder, s.analyzer);
  await sNone.search('avustus', { audience: 'public', municipality: null });
  await sIdx.search('avustus', { audience: 'public', municipality: null });
  line(
    `${label}: HybridSearcher.search GIN`,
    await time(set, (p) => sNone.search(p.text, { audience: 'public', municipality: p.f.municipality })),
  );
  line(
    `${label}: HybridSearcher.search BM25`,
    await time(set, (p) => sIdx.search(p.text, { audience: 'public', municipality: p.f.municipality })),
  );
  let same = 0,
    factG = 0,
    factB = 0,
    judged = 0;
  for (const p of set) {
    const a = await sNone.search(p.text, { audience: 'public', municipality: p.f.municipality });
    const b = await sIdx.search(p.text, { audience: 'public', municipality: p.f.municipality });
    if (a[0]?.chunkId === b[0]?.chunkId) same++;
    if (p.expect) {
      judged++;
      if (a.slice(0, 3).some((h) => p.expect!.some((e) => h.text.includes(e)))) factG++;
      if (b.slice(0, 3).some((h) => p.expect!.some((e) => h.text.includes(e)))) factB++;
    }
  }
  console.log(
    `${label}: same top-1 ${same}/${set.length}; expected fact in top 3: GIN ${factG}/${judged}, BM25 ${factB}/${judged}`,
  );
}
// recall, forced HNSW, users' filters
const forced = async (fn: (db: pg.Pool) => Promise<Array<{ id: number }>>) => {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    for (const x of ['enable_seqscan', 'enable_bitmapscan', 'enable_sort'])
      await c.query(`SET LOCAL ${x} = off`);
    return await fn(c as unknown as pg.Pool);
  } finally {
    await c.query('ROLLBACK');
    c.release();
  }
};
const rOld: number[] = [],
  rNew: number[] = [],
  rPlan: number[] = [],
  tOld: number[] = [],
  tNew: number[] = [];
for (const p of withM.slice(0, 60)) {
  const ex = (await exactVectorSearch(pool, dims, p.v, p.f, 10)).map((x) => x.id);
  let t0 = performance.now();
  const o = await forced(async (db) => (await oldVec(db, p, 10)).rows.map((x) => ({ id: Number(x.id) })));
  tOld.push(performance.now() - t0);
  t0 = performance.now();
  const n = await forced((db) => vectorSearch(db, dims, p.v, p.f, 10));
  tNew.push(performance.now() - t0);
  rOld.push(
    recallAtK(
      o.map((x) => x.id),
      ex,
      10,
    ),
  );
  rNew.push(
    recallAtK(
      n.map((x) => x.id),
      ex,
      10,
    ),
  );
  rPlan.push(
    recallAtK(
      (await vectorSearch(pool, dims, p.v, p.f, 10)).map((x) => x.id),
      ex,
      10,
    ),
  );
}
const m = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;
console.log(
  `recall@10 forced HNSW, filtered: old ${m(rOld).toFixed(3)} (p95 ${summarize(tOld).p95.toFixed(0)} ms), re-sorted ${m(rNew).toFixed(3)} (p95 ${summarize(tNew).p95.toFixed(0)} ms); as planned ${m(rPlan).toFixed(3)}`,
);
await s.close();
