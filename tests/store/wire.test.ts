import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/store/db.ts';
import { Analyzer } from '../../src/retrieval/analyzer.ts';
import { loadThesaurus } from '../../src/retrieval/thesaurus.ts';
import { OfflineEmbedder } from '../../src/retrieval/embedder.ts';
import { HybridSearcher } from '../../src/retrieval/searcher.ts';
import { StoreIndexWriter, syncIndex } from '../../src/ingest/indexer.ts';
import { indexStats } from '../../src/store/documents.ts';
import { startPgliteServer, type WireServer } from '../helpers/pglite-server.ts';
import { corpus } from '../retrieval/fixtures.ts';

// The DATABASE_URL path: node-postgres over TCP, the same store code as the embedded default.
describe('store over the PostgreSQL wire protocol (DATABASE_URL)', () => {
  let server: WireServer;
  let db: Database;
  beforeAll(async () => {
    server = await startPgliteServer();
    db = await openDatabase({ url: server.url });
  });
  afterAll(async () => {
    await db?.close();
    await server?.stop();
  });

  it('migrates, indexes and searches through a socket connection', async () => {
    expect(db.kind).toBe('postgres');
    const analyzer = new Analyzer(loadThesaurus());
    const embedder = new OfflineEmbedder(analyzer, 256);
    await syncIndex(db.pool, embedder, analyzer);
    const writer = new StoreIndexWriter(db.pool, embedder, analyzer);
    for (const f of corpus) await writer.put(f.doc, f.chunks);
    expect((await indexStats(db.pool)).documents).toBe(corpus.length);
    const searcher = new HybridSearcher(db.pool, embedder, analyzer);
    const hits = await searcher.search('Kuka on järjestöyhdyshenkilö?', {
      municipality: 'Lahdenkylä',
      audience: 'public',
    });
    expect(hits[0]!.section).toBe('Yhteyshenkilö');
  });

  it('says which server it could not reach, without the password', async () => {
    await expect(openDatabase({ url: 'postgres://kumppani:secret@127.0.0.1:1/none' })).rejects.toThrow(
      /127\.0\.0\.1:1.*DATABASE_URL/s,
    );
    await expect(openDatabase({ url: 'postgres://kumppani:secret@127.0.0.1:1/none' })).rejects.not.toThrow(
      /secret/,
    );
  });
});
