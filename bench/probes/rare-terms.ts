/**
 * Probe: questions without a municipality through the GIN queries (a server without
 * pg_textsearch), fetched by all of their terms as before and by their rarer terms only
 * (src/retrieval/rare-terms.ts), in one statement and in three at once: how often the expected
 * fact is in the top hit and the top 3, how often the top hit and the top 8 are the very same as
 * with all terms, and how long a search takes. On a kept index (the server's with DATABASE_URL):
 *
 *   DATABASE_URL=... npx tsx bench/probes/rare-terms.ts /tmp/kumppani-bench-100000-XXXX
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
const config = loadConfig();
const db = await openDatabase({ url: config.database.url, dataDir: join(root, 'data') });
const analyzer = new Analyzer(loadThesaurus());
const embedder = await createEmbedder(config, analyzer);
const pool = db.pool;
const qs = await judgedOpenQuestions(pool);
console.log(`${db.kind}, ${qs.length} judged questions without a municipality, load ${(await import('node:os')).loadavg()[0]!.toFixed(1)}`);
const none: LexicalIndexes = { terms: false, text: false };
// Other budgets to try beside the default: BUDGETS=1000,10000
const budgets = (process.env.BUDGETS ?? '').split(',').filter(Boolean).map(Number);
type Variant = [string, { rareTermBudget?: number; candidatesApart?: boolean }];
const variants: Variant[] = [
  ['all terms, one statement', { rareTermBudget: Infinity }],
  ['rarer terms, one statement', {}],
  ...budgets.map((b): Variant => [`rarer terms within ${b}`, { rareTermBudget: b }]),
  ...(db.kind === 'postgres'
    ? ([
        ['all terms, three at once', { rareTermBudget: Infinity, candidatesApart: true }],
        ['rarer terms, three at once', { candidatesApart: true }],
      ] as Variant[])
    : []),
];
const opts = { audience: 'public' as const, municipality: null };
let reference: number[][] | undefined;
for (const [name, o] of variants) {
  const se = new HybridSearcher(pool, embedder, analyzer, o);
  (se as unknown as { lexical: Promise<LexicalIndexes> }).lexical = Promise.resolve(none);
  await se.search('avustus', opts);
  let top1 = 0;
  let top3 = 0;
  let sameTop1 = 0;
  let sameTop8 = 0;
  const ids: number[][] = [];
  const t: number[] = [];
  for (const [i, q] of qs.entries()) {
    const t0 = performance.now();
    const h = await se.search(q.text, opts);
    t.push(performance.now() - t0);
    ids.push(h.map((x) => x.chunkId));
    if (h[0] && q.expectAny!.some((e) => h[0]!.text.includes(e))) top1++;
    if (h.slice(0, 3).some((x) => q.expectAny!.some((e) => x.text.includes(e)))) top3++;
    const ref = reference?.[i];
    if (ref && ref[0] === h[0]?.chunkId) sameTop1++;
    if (ref && ref.join() === ids[i]!.join()) sameTop8++;
  }
  reference ??= ids;
  const l = summarize(t);
  console.log(
    `${name.padEnd(28)} fact in top1 ${top1}/${qs.length}, top3 ${top3}/${qs.length}; same top hit as all terms ${sameTop1}, same top 8 ${sameTop8}; p50 ${l.p50.toFixed(1)} p95 ${l.p95.toFixed(1)} ms`,
  );
}
await db.close();
