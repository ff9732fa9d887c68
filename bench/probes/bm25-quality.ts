/**
 * Probe: for questions without a municipality (the generated mix's, with an expected fact), how
 * often the hybrid search puts the fact in its top hit and top 3, through the GIN queries and
 * through the BM25 indexes, and how long it takes. Opens a kept index WITHOUT re-analysing it
 * (the comparison holds on any analysis version; absolute figures are of the stored one):
 *
 *   npx tsx bench/probes/bm25-quality.ts /tmp/kumppani-bench-100000-XXXX
 */
import { join } from 'node:path';
import { openDatabase } from '../../src/store/db.ts';
import { Analyzer } from '../../src/retrieval/analyzer.ts';
import { loadThesaurus } from '../../src/retrieval/thesaurus.ts';
import { createEmbedder } from '../../src/retrieval/embedder.ts';
import { loadConfig } from '../../src/config.ts';
import { HybridSearcher } from '../../src/retrieval/searcher.ts';
import type { LexicalIndexes } from '../../src/store/search.ts';
import { judgedOpenQuestions } from './open-questions.ts';
import { summarize } from '../stats.ts';
const root = process.argv[2]!;
const db = await openDatabase({ dataDir: join(root, 'data') });
const analyzer = new Analyzer(loadThesaurus());
const s = { db, analyzer, embedder: await createEmbedder(loadConfig(), analyzer), close: () => db.close() };
const pool = s.db.pool;
const qs = await judgedOpenQuestions(pool);
console.log(`${qs.length} judged questions without a municipality`);
const none: LexicalIndexes = { terms: false, text: false };
const variants: Array<[string, boolean]> = [
  ['GIN', false],
  ['BM25', true],
];
for (const [name, bm25] of variants) {
  const se = new HybridSearcher(pool, s.embedder, s.analyzer);
  if (!bm25) (se as unknown as { lexical: Promise<LexicalIndexes> }).lexical = Promise.resolve(none);
  await se.search('avustus', { audience: 'public', municipality: null });
  let top1 = 0,
    top3 = 0;
  const t: number[] = [];
  for (const q of qs) {
    const t0 = performance.now();
    const h = await se.search(q.text, { audience: 'public', municipality: null });
    t.push(performance.now() - t0);
    if (h[0] && q.expectAny!.some((e) => h[0]!.text.includes(e))) top1++;
    if (h.slice(0, 3).some((x) => q.expectAny!.some((e) => x.text.includes(e)))) top3++;
  }
  const l = summarize(t);
  console.log(
    `${name.padEnd(10)} fact in top1 ${top1}/${qs.length}, top3 ${top3}/${qs.length}; p50 ${l.p50.toFixed(0)} p95 ${l.p95.toFixed(0)} ms`,
  );
}
await s.close();
