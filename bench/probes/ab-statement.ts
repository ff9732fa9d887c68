/**
 * Probe: the hybrid candidate statement of two versions, interleaved in one process, in CPU time:
 * A is another checkout's src/store/search.ts and db.ts (BASE=/path/to/checkout, default this one) on one
 * copy of a kept index, B this checkout's on a second copy, each question through A and B in turn
 * (the order alternating), so that a busy neighbour slows both alike. SETUP_A / SETUP_B: SQL run
 * first on that copy (statements separated by `;;`, e.g. an index to try). Also checks that both
 * return the same candidate lists and chunks.
 *
 *   BASE=/work/wt/perfbase npx tsx bench/probes/ab-statement.ts /tmp/copy-a /tmp/copy-b [queries] [rounds]
 */
import { isDeepStrictEqual } from 'node:util';
import { join, resolve } from 'node:path';
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { openDatabase } from '../../src/store/db.ts';
import { Analyzer } from '../../src/retrieval/analyzer.ts';
import { loadThesaurus } from '../../src/retrieval/thesaurus.ts';
import { createEmbedder } from '../../src/retrieval/embedder.ts';
import { loadConfig } from '../../src/config.ts';
import { HybridSearcher } from '../../src/retrieval/searcher.ts';
import * as mine from '../../src/store/search.ts';
import { EVAL_FILE } from '../run.ts';
import { queriesForIndex } from '../queries.ts';

const [dirA, dirB, n = '300', roundsArg = '2'] = process.argv.slice(2);
const base = process.env.BASE ? resolve(process.env.BASE) : undefined;
const theirs: typeof mine = base ? await import(pathToFileURL(join(base, 'src/store/search.ts')).href) : mine;
const theirDb: { openDatabase: typeof openDatabase } = base
  ? await import(pathToFileURL(join(base, 'src/store/db.ts')).href)
  : { openDatabase };
const config = loadConfig();
const dbA = await theirDb.openDatabase({ dataDir: join(dirA!, 'data') });
const dbB = await openDatabase({ dataDir: join(dirB!, 'data') });
for (const [db, setup] of [
  [dbA, process.env.SETUP_A],
  [dbB, process.env.SETUP_B],
] as const)
  if (setup) for (const s of setup.split(';;')) await db.pool.query(s);
const analyzer = new Analyzer(loadThesaurus());
const embedder = await createEmbedder(config, analyzer);
const se = new HybridSearcher(dbB.pool, embedder, analyzer);
const qs = (await queriesForIndex(dbB.pool, { evalFile: EVAL_FILE, seed: 1, generated: 1000 })).slice(
  0,
  Number(n),
);
// B's searcher answers every question once first, so that it keeps their chunks' terms as it
// would in a running server (HybridQuery.kept: their term counts stay out of the statement).
for (const q of qs) await se.search(q.text, { audience: 'public', municipality: q.municipality });
const hqs: mine.HybridQuery[] = [];
for (const q of qs) {
  const a = await se.analyse(q.text);
  const opts = { audience: 'public' as const, municipality: q.municipality };
  hqs.push(await se.candidateQuery(q.text, opts, a, await embedder.embedQuery(q.text, a.language)));
}
// STATEMENT=select1: a statement's fixed cost instead (a prepared `SELECT $1`).
const one = (pool: typeof dbA.pool) =>
  pool.query({ name: 'kumppani_probe_one', text: 'SELECT $1::int AS one', values: [1] });
const select1 = process.env.STATEMENT === 'select1';
const runA = (hq: mine.HybridQuery) => (select1 ? one(dbA.pool) : theirs.hybridCandidates(dbA.pool, hq));
const runB = (hq: mine.HybridQuery) => (select1 ? one(dbB.pool) : mine.hybridCandidates(dbB.pool, hq));
let differ = 0;
for (const hq of hqs) {
  const [a, b] = [await runA(hq), await runB(hq)];
  if (!isDeepStrictEqual(a, b)) differ++;
}
const cpu = { a: 0, b: 0 };
const time = async (k: 'a' | 'b', hq: mine.HybridQuery) => {
  const c0 = process.cpuUsage();
  await (k === 'a' ? runA : runB)(hq);
  const c = process.cpuUsage(c0);
  cpu[k] += (c.user + c.system) / 1000;
};
const load0 = loadavg()[0]!;
const rounds = Number(roundsArg);
for (let r = 0; r < rounds; r++)
  for (const [i, hq] of hqs.entries()) {
    if ((i + r) % 2) {
      await time('a', hq);
      await time('b', hq);
    } else {
      await time('b', hq);
      await time('a', hq);
    }
  }
const per = (x: number) => (x / hqs.length / rounds).toFixed(2);
console.log(
  `${hqs.length} questions × ${rounds}: A ${per(cpu.a)} ms CPU per statement, B ${per(cpu.b)} ms (B/A ${(cpu.b / cpu.a).toFixed(3)}); results differ for ${differ}; load ${load0.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}`,
);
await dbA.close();
await dbB.close();
