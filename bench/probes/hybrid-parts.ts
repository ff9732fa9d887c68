/**
 * Probe: where the hybrid candidate statement's time goes on a kept index. Times, on the bench's
 * question mix, the whole statement as the search sends it and its parts on their own (each
 * candidate list, the lists without their chunk rows, the chunk rows alone), and the bare vector
 * query as the bench's baseline; the same questions in the same order for each.
 *
 *   npx tsx bench/probes/hybrid-parts.ts /tmp/kumppani-bench-10000-XXXX [queries]
 */
import { join } from 'node:path';
import { openDatabase } from '../../src/store/db.ts';
import { Analyzer } from '../../src/retrieval/analyzer.ts';
import { loadThesaurus } from '../../src/retrieval/thesaurus.ts';
import { createEmbedder } from '../../src/retrieval/embedder.ts';
import { loadConfig } from '../../src/config.ts';
import { HybridSearcher } from '../../src/retrieval/searcher.ts';
import {
  fetchChunks,
  hybridCandidates,
  hybridCandidatesSql,
  vectorSearch,
  type HybridQuery,
} from '../../src/store/search.ts';
import { EVAL_FILE } from '../run.ts';
import { queriesForIndex } from '../queries.ts';
import { summarize } from '../stats.ts';

const [root, n = '300'] = process.argv.slice(2);
const config = loadConfig();
const db = await openDatabase({ url: config.database.url, dataDir: join(root!, 'data') });
const analyzer = new Analyzer(loadThesaurus());
const embedder = await createEmbedder(config, analyzer);
const pool = db.pool;
const se = new HybridSearcher(pool, embedder, analyzer);
const qs = (await queriesForIndex(pool, { evalFile: EVAL_FILE, seed: 1, generated: 1000 })).slice(
  0,
  Number(n),
);
const hqs: HybridQuery[] = [];
const asked = new Map<HybridQuery, (typeof qs)[number]>();
for (const q of qs) {
  const opts = { audience: 'public' as const, municipality: q.municipality };
  const a = await se.analyse(q.text);
  hqs.push(await se.candidateQuery(q.text, opts, a, await embedder.embedQuery(q.text, a.language)));
  asked.set(hqs[hqs.length - 1]!, q);
}
console.log(
  `${db.kind}, ${hqs.length} questions, load ${(await import('node:os')).loadavg()[0]!.toFixed(1)}`,
);

/** The statement with its final SELECT replaced: the candidate lists' CTEs stay as they are. */
const withSelect = (hq: HybridQuery, select: string) => {
  const { text, values } = hybridCandidatesSql(hq);
  return { text: text.replace(/\n\s+SELECT json_agg[\s\S]*$/, `\n${select}`), values };
};
const run =
  (select: string, explain = false) =>
  (hq: HybridQuery) => {
    const s = withSelect(hq, select);
    return pool.query(`${explain ? 'EXPLAIN ' : ''}${s.text}`, s.values);
  };
const ROWS = 'FROM u JOIN chunks c ON c.id = u.id JOIN documents d ON d.id = c.document_id';
const FIELDS = `c.id, c.document_id, d.source, d.title, c.section, c.page, d.url, d.municipality,
  to_char(d.doc_date, 'YYYY-MM-DD') AS date, c.language, c.text, c.ord, c.term_counts`;
const LIST_COLUMNS = 'u.v_rank, u.v_score, u.t_rank, u.t_score, u.f_rank, u.f_score';
const variants: Array<[string, (hq: HybridQuery) => Promise<unknown>]> = [
  [
    'hybrid search (analysis, SQL, re-scoring)',
    (hq) => se.search(asked.get(hq)!.text, { audience: 'public', municipality: asked.get(hq)!.municipality }),
  ],
  ['whole statement (as searched)', (hq) => hybridCandidates(pool, hq)],
  ['whole, a column per field', run(`SELECT ${FIELDS}, ${LIST_COLUMNS} ${ROWS}`)],
  ['lists only (no chunk rows)', run('SELECT * FROM u')],
  ['lists + term_counts', run('SELECT u.*, c.term_counts FROM u JOIN chunks c ON c.id = u.id')],
  ['lists + text', run('SELECT u.*, c.text FROM u JOIN chunks c ON c.id = u.id')],
  [
    'parse and plan: whole statement',
    (hq) => pool.query(`EXPLAIN ${hybridCandidatesSql(hq).text}`, hybridCandidatesSql(hq).values),
  ],
  ['parse and plan: lists only', run('SELECT * FROM u', true)],
  ['parse and plan: vector list', run('SELECT * FROM v', true)],
  ['vector list only', run('SELECT * FROM v')],
  ['terms list only', run('SELECT * FROM t')],
  ['full-text list only', run('SELECT * FROM f')],
  ['bare vector query', (hq) => vectorSearch(pool, hq.dims, hq.vector, hq.filter, hq.candidates)],
  ["SELECT 1 (a statement's fixed cost)", () => pool.query('SELECT $1::int AS one', [1])],
];
const ids = new Map<HybridQuery, number[]>();
for (const hq of hqs) {
  const s = withSelect(hq, 'SELECT id FROM u');
  ids.set(
    hq,
    (await pool.query(s.text, s.values)).rows.map((r) => Number(r.id)),
  );
}
variants.push(['chunk rows alone (fetchChunks)', (hq) => fetchChunks(pool, ids.get(hq)!)]);
// Interleaved (each question through every variant in turn), so a busy neighbour slows all
// variants alike; CPU time beside the wall time, as the steadier measure on a shared machine.
for (const [, run] of variants) for (const hq of hqs.slice(0, 20)) await run(hq);
const wall = variants.map((): number[] => []);
const cpu = variants.map(() => 0);
for (const hq of hqs)
  for (const [i, [, run]] of variants.entries()) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await run(hq);
    wall[i]!.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu[i]! += (c.user + c.system) / 1000;
  }
for (const [i, [name]] of variants.entries()) {
  const s = summarize(wall[i]!);
  console.log(
    `${name.padEnd(34)} p50 ${s.p50.toFixed(2)}  p95 ${s.p95.toFixed(2)}  mean ${s.mean.toFixed(2)} ms  CPU ${(cpu[i]! / hqs.length).toFixed(2)} ms`,
  );
}
const counts = [...ids.values()].map((x) => x.length);
console.log(
  `candidates per question: mean ${(counts.reduce((a, b) => a + b, 0) / counts.length).toFixed(1)}`,
);
await db.close?.();
