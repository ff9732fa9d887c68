/**
 * Probe: the hybrid search's candidate lists (vector, terms, full text: ids and scores), the
 * chunks fetched and the final hits for the bench's question mix, one JSON line per question, so
 * that a change to the search's SQL can be checked to leave them exactly as they were: run it
 * before and after on copies of one kept index and compare the files (`cmp`).
 *
 *   npx tsx bench/probes/candidates-dump.ts /tmp/kumppani-bench-10000-XXXX OUT.jsonl [queries]
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../src/store/db.ts';
import { Analyzer } from '../../src/retrieval/analyzer.ts';
import { loadThesaurus } from '../../src/retrieval/thesaurus.ts';
import { createEmbedder } from '../../src/retrieval/embedder.ts';
import { loadConfig } from '../../src/config.ts';
import { HybridSearcher } from '../../src/retrieval/searcher.ts';
import { EVAL_FILE } from '../run.ts';
import { queriesForIndex } from '../queries.ts';

const [root, out, n = '1000'] = process.argv.slice(2);
const config = loadConfig();
const db = await openDatabase({ url: config.database.url, dataDir: join(root!, 'data') });
const analyzer = new Analyzer(loadThesaurus());
const embedder = await createEmbedder(config, analyzer);
const se = new HybridSearcher(db.pool, embedder, analyzer);
const qs = (await queriesForIndex(db.pool, { evalFile: EVAL_FILE, seed: 1, generated: 1000 })).slice(
  0,
  Number(n),
);
const lines: string[] = [];
// A chunk's fields without its term counts, which a search may leave to the searcher's own copy.
const rowFields = ({ termCounts: _, ...rest }: { termCounts?: unknown }) => rest;
const list = (l: Array<{ id: number; score: number }>) => l.map((x) => [x.id, x.score]);
for (const q of qs) {
  const opts = { audience: 'public' as const, municipality: q.municipality };
  const a = await se.analyse(q.text);
  const hq = await se.candidateQuery(q.text, opts, a, await embedder.embedQuery(q.text, a.language));
  const c = await se.fetchCandidates(hq);
  const hits = await se.search(q.text, opts);
  lines.push(
    JSON.stringify({
      q: q.text,
      m: q.municipality,
      vector: list(c.vector),
      terms: list(c.terms),
      fullText: list(c.fullText),
      chunks: [...c.chunks.values()].map((x) => x.id).sort((x, y) => x - y),
      rows: createHash('sha1')
        .update(JSON.stringify([...c.chunks.values()].sort((x, y) => x.id - y.id).map(rowFields)))
        .digest('hex'),
      hits: hits.map((h) => [h.chunkId, h.score]),
    }),
  );
}
writeFileSync(out!, lines.join('\n') + '\n');
console.log(`${lines.length} questions written to ${out}`);
await db.close();
