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

const BASE = fs.readFileSync(DEFAULT_THESAURUS_PATH, 'utf8');
/** The shipped thesaurus, or it with a new concept whose term the documents already use. */
const analyzerWith = (edit: 'as shipped' | 'sports hall added') =>
  new Analyzer(
    parseThesaurus(
      edit === 'as shipped'
        ? BASE
        : BASE.replace(
            'concepts:\n',
            'concepts:\n  sports_hall:\n    fi: [liikuntasali]\n    sv: [idrottshall]\n    en: [sports hall]\n',
          ),
    ),
  );

/** An in-memory index of the fixture corpus, analysed and embedded offline with `analyzer`. */
async function indexedCorpus(analyzer: Analyzer): Promise<Database> {
  const db = await openDatabase({ dataDir: 'memory' });
  const embedder = new OfflineEmbedder(analyzer, 128);
  await syncIndex(db.pool, embedder, analyzer);
  const writer = new StoreIndexWriter(db.pool, embedder, analyzer);
  for (const f of corpus) await writer.put(f.doc, f.chunks);
  return db;
}

// An edited thesaurus must reach documents that did not change: the index is analysed again.
describe('index kept in step with the thesaurus', () => {
  let db: Database;
  const before = analyzerWith('as shipped');
  const after = analyzerWith('sports hall added');

  beforeAll(async () => {
    db = await indexedCorpus(before);
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

// Re-scoring reads each candidate's stored term counts; analysing every candidate's text again was
// most of a search's time at 10k chunks. An analysis change must not re-embed with a paid model.
describe('stored term counts', () => {
  let db: Database;
  const analyzer = analyzerWith('as shipped');

  beforeAll(async () => {
    db = await indexedCorpus(analyzer);
  });
  afterAll(async () => {
    await db.close();
  });

  it('searches without analysing the candidates again, with the same results', async () => {
    const embedder = new OfflineEmbedder(analyzer, 128);
    const question = 'Milloin toiminta-avustusta voi hakea?';
    const opts = { municipality: 'Lahdenkylä', audience: 'public' as const };
    const analysed: string[] = [];
    const counting = Object.create(analyzer) as Analyzer;
    counting.terms = (text, lang) => {
      analysed.push(text);
      return analyzer.terms(text, lang);
    };
    const hits = await new HybridSearcher(db.pool, embedder, counting, { statsTtlMs: 0 }).search(
      question,
      opts,
    );
    expect(hits.length).toBeGreaterThan(1);
    expect(analysed).toEqual([]);

    // Chunks stored before term counts existed are analysed in the search instead, to the same end.
    await db.pool.query('UPDATE chunks SET term_counts = NULL');
    const again = await new HybridSearcher(db.pool, embedder, counting, { statsTtlMs: 0 }).search(
      question,
      opts,
    );
    expect(analysed.length).toBeGreaterThanOrEqual(again.length);
    expect(again.map((h) => [h.chunkId, h.score])).toEqual(hits.map((h) => [h.chunkId, h.score]));
  });

  it('loads the term statistics once when warmed, not at the first question', async () => {
    const statements: string[] = [];
    const pool = new Proxy(db.pool, {
      get(target, prop, receiver) {
        if (prop === 'query')
          // The search's own statement is sent prepared, as a { name, text, values } object.
          return (query: string | { text: string }, values?: unknown[]) => {
            statements.push(typeof query === 'string' ? query : query.text);
            return target.query(query as string, values);
          };
        return Reflect.get(target, prop, receiver);
      },
    });
    const searcher = new HybridSearcher(pool, new OfflineEmbedder(analyzer, 128), analyzer);
    await searcher.warm();
    const loads = () => statements.filter((t) => t.includes('ts_stat')).length;
    expect(loads()).toBe(1);
    await searcher.search('Milloin toiminta-avustusta voi hakea?', { audience: 'public' });
    expect(loads()).toBe(1);
  });

  it('fills term counts again when the analysis changes, without re-embedding with a model', async () => {
    await db.pool.query('UPDATE chunks SET term_counts = NULL');
    let embedded = 0;
    const model = {
      id: 'paid-model',
      dimensions: 128,
      embedDocuments: async (texts: string[]) => {
        embedded += texts.length;
        return texts.map(() => Array.from({ length: 128 }, (_, i) => (i === 0 ? 1 : 0)));
      },
      embedQuery: async () => Array.from({ length: 128 }, (_, i) => (i === 0 ? 1 : 0)),
    };
    await syncIndex(db.pool, model, analyzer);
    const chunks = Number((await db.pool.query('SELECT count(*) AS n FROM chunks')).rows[0].n);
    expect(embedded).toBe(chunks);
    const edited = analyzerWith('sports hall added');
    await syncIndex(db.pool, model, edited);
    expect(embedded).toBe(chunks);
    const missing = await db.pool.query('SELECT count(*) AS n FROM chunks WHERE term_counts IS NULL');
    expect(Number(missing.rows[0].n)).toBe(0);
    const hall = await db.pool.query(
      `SELECT count(*) AS n FROM chunks WHERE term_counts::jsonb ? '§sports_hall'`,
    );
    expect(Number(hall.rows[0].n)).toBeGreaterThan(0);
  });
});
