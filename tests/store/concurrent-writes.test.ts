/**
 * Replicas on one server write the same documents at the same time: each syncs the knowledge folder
 * at start, and each follows it live. Two writes of one source must both succeed, one after the
 * other, and leave one copy (the embedded database has one connection, so only a server races).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/store/db.ts';
import { indexStats } from '../../src/store/documents.ts';
import { Analyzer } from '../../src/retrieval/analyzer.ts';
import { loadThesaurus } from '../../src/retrieval/thesaurus.ts';
import { OfflineEmbedder } from '../../src/retrieval/embedder.ts';
import { StoreIndexWriter } from '../../src/ingest/indexer.ts';
import { corpus } from '../retrieval/fixtures.ts';
import { createServerDatabase, describeOnServer } from '../helpers/backends.ts';

describeOnServer('two processes writing one document at once', () => {
  let scratch: Awaited<ReturnType<typeof createServerDatabase>>;
  const dbs: Database[] = [];
  let writers: StoreIndexWriter[];

  beforeAll(async () => {
    scratch = await createServerDatabase('concurrent_writes');
    dbs.push(await openDatabase({ url: scratch.url }), await openDatabase({ url: scratch.url }));
    const analyzer = new Analyzer(loadThesaurus());
    const embedder = new OfflineEmbedder(analyzer, 256);
    writers = dbs.map((d) => new StoreIndexWriter(d.pool, embedder, analyzer));
  });
  afterAll(async () => {
    for (const d of dbs) await d.close();
    await scratch?.drop();
  });

  it('both succeed, and the index holds each document once', async () => {
    for (let round = 0; round < 3; round++) {
      for (const f of corpus) {
        const outcomes = await Promise.all(writers.map((w) => w.put(f.doc, f.chunks)));
        // The first of a fresh source adds it, the other replaces that version.
        expect(outcomes.sort()).toEqual(round === 0 ? ['added', 'updated'] : ['updated', 'updated']);
      }
    }
    const stats = await indexStats(dbs[0]!.pool);
    expect(stats.documents).toBe(corpus.length);
    expect(stats.chunks).toBe(corpus.reduce((n, f) => n + f.chunks.length, 0));
  });
});
