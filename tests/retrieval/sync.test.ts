import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/store/db.ts';
import { Analyzer } from '../../src/retrieval/analyzer.ts';
import { DEFAULT_THESAURUS_PATH, parseThesaurus } from '../../src/retrieval/thesaurus.ts';
import { OfflineEmbedder } from '../../src/retrieval/embedder.ts';
import { HybridSearcher } from '../../src/retrieval/searcher.ts';
import { StoreIndexWriter, syncIndex } from '../../src/ingest/indexer.ts';
import { termSearch } from '../../src/store/search.ts';
import { corpus } from './fixtures.ts';

// An edited thesaurus must reach documents that did not change: the index is analysed again.
describe('index kept in step with the thesaurus', () => {
  let db: Database;
  const base = fs.readFileSync(DEFAULT_THESAURUS_PATH, 'utf8');
  const before = new Analyzer(parseThesaurus(base));
  // A new concept whose term the documents already use.
  const after = new Analyzer(
    parseThesaurus(
      base.replace(
        'concepts:\n',
        'concepts:\n  sports_hall:\n    fi: [liikuntasali]\n    sv: [idrottshall]\n    en: [sports hall]\n',
      ),
    ),
  );

  beforeAll(async () => {
    db = await openDatabase({ dataDir: 'memory' });
    const embedder = new OfflineEmbedder(before, 128);
    await syncIndex(db.pool, embedder, before);
    const writer = new StoreIndexWriter(db.pool, embedder, before);
    for (const f of corpus) await writer.put(f.doc, f.chunks);
  });
  afterAll(async () => {
    await db.close();
  });

  it('re-analyses every chunk when the thesaurus changes, so a new concept finds old documents', async () => {
    expect(after.id).not.toBe(before.id);
    const filter = { audience: 'public' as const, municipality: 'Lahdenkylä', language: null };
    expect(await termSearch(db.pool, ['§sports_hall'], filter, 5)).toEqual([]);
    const embedder = new OfflineEmbedder(after, 128);
    await syncIndex(db.pool, embedder, after);
    expect((await termSearch(db.pool, ['§sports_hall'], filter, 5)).length).toBe(1);
    // A Swedish question now meets the Finnish "liikuntasalit" through the new concept.
    const searcher = new HybridSearcher(db.pool, embedder, after, { statsTtlMs: 0 });
    const hits = await searcher.search('idrottshall', { municipality: 'Lahdenkylä', audience: 'public' });
    expect(hits[0]!.section).toBe('Tilat');
  });
});
