/**
 * Where pg_textsearch is missing (a PostgreSQL server without it), the migration creates no BM25
 * index and a question without a municipality still finds its document through the GIN queries.
 * Here: an embedded database opened without the extension, and the test server when there is
 * one (Debian's PostgreSQL 15, which has no pg_textsearch).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { vector } from '@electric-sql/pglite-pgvector';
import { migrate } from '../../src/store/migrate.ts';
import { Analyzer } from '../../src/retrieval/analyzer.ts';
import { loadThesaurus } from '../../src/retrieval/thesaurus.ts';
import { OfflineEmbedder } from '../../src/retrieval/embedder.ts';
import { HybridSearcher } from '../../src/retrieval/searcher.ts';
import { StoreIndexWriter, syncIndex } from '../../src/ingest/indexer.ts';
import { lexicalIndexes } from '../../src/store/search.ts';
import { corpus } from '../retrieval/fixtures.ts';
import { describeEachBackend } from '../helpers/backends.ts';

describeEachBackend('without pg_textsearch', (backend) => {
  let pool: pg.Pool;
  let close: () => Promise<void>;
  let searcher: HybridSearcher;
  let analyzer: Analyzer;
  let embedder: OfflineEmbedder;

  beforeAll(async () => {
    if (backend.name === 'pglite') {
      const lite = await PGlite.create({ extensions: { vector } });
      pool = new pg.Pool({ ...createPgConfig(lite), max: 1 } as pg.PoolConfig);
      await migrate(pool);
      close = async () => {
        await pool.end();
        await lite.close();
      };
    } else {
      const db = await backend.open({}, 'bm25_fallback');
      pool = db.pool;
      close = () => db.close();
    }
    analyzer = new Analyzer(loadThesaurus());
    embedder = new OfflineEmbedder(analyzer, 256);
    await syncIndex(pool, embedder, analyzer);
    const writer = new StoreIndexWriter(pool, embedder, analyzer);
    for (const f of corpus) await writer.put(f.doc, f.chunks);
    searcher = new HybridSearcher(pool, embedder, analyzer, { statsTtlMs: 0 });
  });
  afterAll(async () => {
    await close?.();
  });

  it('migrates, with no BM25 index', async () => {
    const done = await pool.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY version');
    expect(done.rows.map((r) => r.name)).toContain('004_bm25.sql');
    expect(await lexicalIndexes(pool)).toEqual({ terms: false, text: false });
  });

  it('answers a question without a municipality from the right document', async () => {
    const hits = await searcher.search('Kuka on kunnan järjestöyhdyshenkilö?', {
      municipality: null,
      audience: 'public',
    });
    expect(`${hits[0]!.source} ${hits[0]!.section}`).toBe('test/lahdenkylä/yhteistyo.md Yhteyshenkilö');
    const rooms = await searcher.search('Varataanko kokoustilat kirjaston asiakaspalvelusta?', {
      municipality: null,
      audience: 'public',
    });
    expect(rooms[0]!.source).toBe('test/myllymäki/ohje.md');
  });

  // At national scale a question's common words match most chunks; only its rarer terms fetch
  // lexical candidates then (rare-terms.ts). A budget of one chunk forces that on this small index.
  it('fetches by the rarest term alone when the common ones would match too much, and still finds the one document that has it', async () => {
    const question = 'Pitääkö avustuksen käyttöselvitykseen liittää tilinpäätös?';
    const opts = { municipality: null, audience: 'public' as const };
    const narrowing = new HybridSearcher(pool, embedder, analyzer, {
      statsTtlMs: 0,
      rareTermBudget: 1,
      candidatesApart: backend.name !== 'pglite',
    });
    const analysed = await narrowing.analyse(question);
    const hq = await narrowing.candidateQuery(question, opts, analysed, await embedder.embedQuery(question, 'fi'));
    expect(hq.narrow?.terms).toHaveLength(1);
    const [rare] = hq.narrow!.terms;
    expect(analysed.terms.filter((t) => t !== rare).length).toBeGreaterThan(3);
    const found = await narrowing.fetchCandidates(hq);
    // Every lexical candidate holds the rare term; the common ones ("avust") fetched nothing else.
    expect(found.terms.length).toBeGreaterThan(0);
    for (const { id } of found.terms) expect(found.chunks.get(id)!.termCounts).toHaveProperty(rare!);
    const report = found.terms.map(({ id }) => found.chunks.get(id)!.section);
    expect(report).toContain('Avustukset › Käyttöselvitys');
    const hits = await narrowing.search(question, opts);
    expect(hits[0]!.section).toBe('Avustukset › Käyttöselvitys');
    // Without the tight budget this small index is searched by every term, as before.
    expect((await searcher.candidateQuery(question, opts, analysed, hq.vector)).narrow).toBeUndefined();
  });
});
