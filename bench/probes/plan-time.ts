/**
 * Probe: the hybrid statement's planning and execution time as PostgreSQL reports them
 * (EXPLAIN (ANALYZE, SUMMARY), timing off), summed over the bench's question mix, with SQL run
 * first on the database (SETUP=sql, e.g. an index to try; use a copy of the kept index).
 *
 *   SETUP="CREATE INDEX …" npx tsx bench/probes/plan-time.ts /tmp/kumppani-bench-10000-XXXX [queries]
 */
import { join } from 'node:path';
import { openDatabase } from '../../src/store/db.ts';
import { Analyzer } from '../../src/retrieval/analyzer.ts';
import { loadThesaurus } from '../../src/retrieval/thesaurus.ts';
import { createEmbedder } from '../../src/retrieval/embedder.ts';
import { loadConfig } from '../../src/config.ts';
import { HybridSearcher } from '../../src/retrieval/searcher.ts';
import { hybridCandidatesSql, type HybridQuery } from '../../src/store/search.ts';
import { EVAL_FILE } from '../run.ts';
import { queriesForIndex } from '../queries.ts';

const [root, n = '300'] = process.argv.slice(2);
const config = loadConfig();
const db = await openDatabase({ url: config.database.url, dataDir: join(root!, 'data') });
if (process.env.SETUP) for (const s of process.env.SETUP.split(';;')) await db.pool.query(s);
const analyzer = new Analyzer(loadThesaurus());
const embedder = await createEmbedder(config, analyzer);
const se = new HybridSearcher(db.pool, embedder, analyzer);
const qs = (await queriesForIndex(db.pool, { evalFile: EVAL_FILE, seed: 1, generated: 1000 })).slice(
  0,
  Number(n),
);
const hqs: HybridQuery[] = [];
for (const q of qs) {
  const a = await se.analyse(q.text);
  const opts = { audience: 'public' as const, municipality: q.municipality };
  hqs.push(await se.candidateQuery(q.text, opts, a, await embedder.embedQuery(q.text, a.language)));
}
const sum = { with: { plan: 0, exec: 0, n: 0 }, without: { plan: 0, exec: 0, n: 0 } };
for (let pass = 0; pass < 2; pass++)
  for (const hq of hqs) {
    const { text, values } = hybridCandidatesSql(hq);
    const r = await db.pool.query(`EXPLAIN (ANALYZE, SUMMARY, TIMING OFF, FORMAT JSON) ${text}`, values);
    const j = r.rows[0]!['QUERY PLAN'][0];
    if (pass === 0) continue;
    const s = hq.filter.municipality ? sum.with : sum.without;
    s.plan += j['Planning Time'];
    s.exec += j['Execution Time'];
    s.n++;
  }
for (const [k, s] of Object.entries(sum))
  console.log(
    `${k} a municipality: ${s.n} questions, planning ${(s.plan / s.n).toFixed(2)} ms, execution ${(s.exec / s.n).toFixed(2)} ms (means)`,
  );
await db.close();
