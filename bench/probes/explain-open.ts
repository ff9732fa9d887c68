/**
 * Probe: EXPLAIN ANALYZE of the hybrid search's candidate statement for one question without a
 * municipality, fetched by all of its terms and by its rarer terms (rare-terms.ts), on the GIN
 * path. On a kept index, or the DATABASE_URL server's:
 *
 *   DATABASE_URL=... npx tsx bench/probes/explain-open.ts /tmp/kumppani-bench-100000-XXXX "question"
 */
import { join } from 'node:path';
import { openDatabase } from '../../src/store/db.ts';
import { Analyzer } from '../../src/retrieval/analyzer.ts';
import { loadThesaurus } from '../../src/retrieval/thesaurus.ts';
import { createEmbedder } from '../../src/retrieval/embedder.ts';
import { loadConfig } from '../../src/config.ts';
import { HybridSearcher } from '../../src/retrieval/searcher.ts';
import { hybridCandidatesSql, type LexicalIndexes } from '../../src/store/search.ts';

const [root, question = 'Mihin mennessä kohdeavustusta pitää hakea?'] = process.argv.slice(2);
const config = loadConfig();
const db = await openDatabase({ url: config.database.url, dataDir: join(root!, 'data') });
const analyzer = new Analyzer(loadThesaurus());
const embedder = await createEmbedder(config, analyzer);
const none: LexicalIndexes = { terms: false, text: false };
const opts = { audience: 'public' as const, municipality: null };
for (const [name, budget] of [
  ['all terms', Infinity],
  ['rarer terms', undefined],
] as const) {
  const se = new HybridSearcher(db.pool, embedder, analyzer, budget === undefined ? {} : { rareTermBudget: budget });
  (se as unknown as { lexical: Promise<LexicalIndexes> }).lexical = Promise.resolve(none);
  const a = await se.analyse(question);
  const hq = await se.candidateQuery(question, opts, a, await embedder.embedQuery(question, a.language));
  const { text, values } = hybridCandidatesSql(hq);
  const plan = await db.pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, values);
  console.log(`== ${name}: ${question}  narrow: ${JSON.stringify(hq.narrow ?? null)}`);
  console.log(
    plan.rows
      .map((r) => String(r['QUERY PLAN']).replace(/'\[[-0-9.,e]+\]'/g, "'[…vector…]'"))
      .join('\n'),
  );
}
await db.close();
