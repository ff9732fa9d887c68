/**
 * The search SQL: one statement for the hybrid search's candidates, the vector query re-sorted
 * exactly, and for questions without a municipality the BM25 indexes (pg_textsearch) with the GIN
 * queries as the fallback where they are absent. On the embedded database and, when
 * KUMPPANI_TEST_DATABASE_URL is set, on a PostgreSQL server (which has no pg_textsearch: GIN only).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/store/db.ts';
import { Analyzer } from '../../src/retrieval/analyzer.ts';
import { loadThesaurus } from '../../src/retrieval/thesaurus.ts';
import { OfflineEmbedder } from '../../src/retrieval/embedder.ts';
import { HybridSearcher } from '../../src/retrieval/searcher.ts';
import { StoreIndexWriter, syncIndex } from '../../src/ingest/indexer.ts';
import { dropVectorIndexes, ensureVectorIndex } from '../../src/store/documents.ts';
import {
  exactVectorSearch,
  fetchChunks,
  fetchTermCounts,
  fullTextSearch,
  hybridCandidates,
  hybridCandidatesApart,
  lexicalIndexes,
  termSearch,
  vectorSearch,
  type LexicalIndexes,
  type SearchFilter,
} from '../../src/store/search.ts';
import { corpus } from '../retrieval/fixtures.ts';
import { describeEachBackend } from '../helpers/backends.ts';

describeEachBackend('the search SQL', (backend) => {
  let db: Database;
  let analyzer: Analyzer;
  let embedder: OfflineEmbedder;

  const everywhere: SearchFilter = { audience: 'public', municipality: null, language: null };
  const none: LexicalIndexes = { terms: false, text: false };

  beforeAll(async () => {
    db = await backend.open({}, 'search');
    analyzer = new Analyzer(loadThesaurus());
    embedder = new OfflineEmbedder(analyzer, 256);
    await syncIndex(db.pool, embedder, analyzer);
    const writer = new StoreIndexWriter(db.pool, embedder, analyzer);
    for (const f of corpus) await writer.put(f.doc, f.chunks);
  });
  afterAll(async () => {
    await db?.close();
  });

  const terms = (q: string) => [...new Set(analyzer.terms(q, 'fi'))];
  const sources = async (ids: Array<{ id: number }>) =>
    [
      ...(
        await fetchChunks(
          db.pool,
          ids.map((x) => x.id),
        )
      ).values(),
    ].map((c) => `${c.source} ${c.section}`);

  describe('a question without a municipality, through the BM25 indexes', () => {
    it('has the indexes on the embedded database (pg_textsearch is loaded with it), none on a server without it', async () => {
      const bm25 = backend.name === 'pglite';
      expect(await lexicalIndexes(db.pool)).toEqual({ terms: bm25, text: bm25 });
    });

    it('finds the chunk by its analysed terms, and the same one without the index', async () => {
      const idx = await lexicalIndexes(db.pool);
      const q = terms('Kuka on kunnan järjestöyhdyshenkilö?');
      const bm25 = await termSearch(db.pool, q, everywhere, 5, idx);
      const gin = await termSearch(db.pool, q, everywhere, 5, none);
      expect((await sources(bm25))[0]).toBe('test/lahdenkylä/yhteistyo.md Yhteyshenkilö');
      expect((await sources(gin))[0]).toBe('test/lahdenkylä/yhteistyo.md Yhteyshenkilö');
    });

    it('finds Finnish full text through the BM25 text index', async () => {
      const idx = await lexicalIndexes(db.pool);
      const hits = await fullTextSearch(db.pool, 'kirjaston asiakaspalvelu', 'finnish', everywhere, 5, idx);
      expect(await sources(hits)).toEqual(['test/myllymäki/ohje.md Tilat']);
    });

    it('keeps staff-only and replaced chunks out of a public search', async () => {
      const idx = await lexicalIndexes(db.pool);
      const staff = terms('tilamaksuista luovutaan nuorisoyhdistyksiltä');
      expect(await sources(await termSearch(db.pool, staff, everywhere, 10, idx))).not.toContain(
        'test/myllymäki/muistio.md Päätökset',
      );
      expect(
        await sources(await termSearch(db.pool, staff, { ...everywhere, audience: 'staff' }, 10, idx)),
      ).toContain('test/myllymäki/muistio.md Päätökset');
      const old = await fullTextSearch(db.pool, 'paperilomakkeella', 'finnish', everywhere, 10, idx);
      expect(await sources(old)).toEqual([]);
    });

    it('gives the hybrid search the document a question without a municipality asks about', async () => {
      const searcher = new HybridSearcher(db.pool, embedder, analyzer, { statsTtlMs: 0 });
      const hits = await searcher.search('Kuka on kunnan järjestöyhdyshenkilö?', {
        municipality: null,
        audience: 'public',
      });
      expect(`${hits[0]!.source} ${hits[0]!.section}`).toBe('test/lahdenkylä/yhteistyo.md Yhteyshenkilö');
    });
  });

  describe('the hybrid candidates in one statement', () => {
    it('are the lists the separate queries give, with every candidate chunk', async () => {
      const question = 'Milloin järjestöavustusten hakuaika päättyy?';
      const vector = await embedder.embedQuery(question, 'fi');
      const q = terms(question);
      const idx = await lexicalIndexes(db.pool);
      for (const filter of [everywhere, { ...everywhere, municipality: 'Myllymäki' }]) {
        const one = await hybridCandidates(db.pool, {
          dims: embedder.dimensions,
          vector,
          terms: q,
          text: question,
          ftsConfig: 'finnish',
          filter,
          candidates: 6,
          fullTextCandidates: 3,
          indexes: idx,
        });
        expect(one.vector).toEqual(await vectorSearch(db.pool, embedder.dimensions, vector, filter, 6));
        expect(one.terms).toEqual(await termSearch(db.pool, q, filter, 6, idx));
        expect(one.fullText).toEqual(await fullTextSearch(db.pool, question, 'finnish', filter, 3, idx));
        const ids = new Set([...one.vector, ...one.terms, ...one.fullText].map((x) => x.id));
        expect([...one.chunks.keys()].sort()).toEqual([...ids].sort());
        expect(one.terms.length).toBeGreaterThan(0);
      }
    });

    it('are the same as three statements sent at once (the server path), narrowed or not', async () => {
      const question = 'Milloin järjestöavustusten hakuaika päättyy?';
      const vector = await embedder.embedQuery(question, 'fi');
      const q = terms(question);
      const idx = await lexicalIndexes(db.pool);
      const base = {
        dims: embedder.dimensions,
        vector,
        terms: q,
        text: question,
        ftsConfig: 'finnish' as const,
        candidates: 6,
        fullTextCandidates: 3,
        indexes: idx,
      };
      for (const filter of [everywhere, { ...everywhere, municipality: 'Myllymäki' }])
        for (const narrow of [undefined, { terms: [q[q.length - 1]!], words: 'hakuaika' }]) {
          const hq = { ...base, filter, ...(narrow ? { narrow } : {}) };
          const apart = await hybridCandidatesApart(db.pool, hq);
          const one = await hybridCandidates(db.pool, hq);
          expect(apart.vector).toEqual(one.vector);
          expect(apart.terms).toEqual(one.terms);
          expect(apart.fullText).toEqual(one.fullText);
          expect([...apart.chunks.keys()].sort()).toEqual([...one.chunks.keys()].sort());
          expect(apart.vector.length).toBeGreaterThan(0);
        }
    });

    /** A deadline question in one municipality, as the searcher would send it. */
    const deadlineQuery = async () => {
      const question = 'Milloin järjestöavustusten hakuaika päättyy?';
      return {
        dims: embedder.dimensions,
        vector: await embedder.embedQuery(question, 'fi'),
        terms: terms(question),
        text: question,
        ftsConfig: 'finnish' as const,
        filter: { ...everywhere, municipality: 'Myllymäki' },
        candidates: 6,
        fullTextCandidates: 3,
      };
    };

    it('give each candidate chunk field for field as fetched by id, and again after the vector index is rebuilt', async () => {
      const hq = await deadlineQuery();
      const before = await hybridCandidates(db.pool, hq);
      const byId = await fetchChunks(db.pool, [...before.chunks.keys()]);
      expect([...before.chunks.values()].some((c) => c.termCounts && c.section)).toBe(true);
      for (const [id, row] of before.chunks) expect(row).toEqual(byId.get(id));
      // The statement is prepared once per connection: an index dropped and built again under it
      // must not break the next search or change what it finds.
      await dropVectorIndexes(db.pool);
      await ensureVectorIndex(db.pool, embedder.dimensions);
      const after = await hybridCandidates(db.pool, hq);
      expect(after).toEqual(before);
    });

    it('come without the term counts of the chunks the caller keeps (one and apart), the rest as before', async () => {
      const hq = await deadlineQuery();
      const bitmap = (ids: number[]) => {
        const bits = new Uint8Array((Math.max(...ids) >> 3) + 1);
        for (const id of ids) bits[id >> 3]! |= 1 << (id & 7);
        return bits;
      };
      const without = (c: Map<number, { termCounts?: unknown }>) =>
        new Map([...c].map(([id, { termCounts: _, ...rest }]) => [id, rest]));
      for (const run of [hybridCandidates, hybridCandidatesApart]) {
        const full = await run(db.pool, hq);
        const ids = [...full.chunks.keys()].sort((a, b) => a - b);
        expect(ids.length).toBeGreaterThan(2);
        expect([...full.chunks.values()].every((c) => c.termCounts)).toBe(true);
        const some = ids.filter((_, i) => i % 2 === 0);
        const bare = await run(db.pool, { ...hq, kept: bitmap(some) });
        for (const [id, row] of bare.chunks)
          expect(row.termCounts).toEqual(some.includes(id) ? undefined : full.chunks.get(id)!.termCounts);
        expect({ ...bare, chunks: without(bare.chunks) }).toEqual({ ...full, chunks: without(full.chunks) });
        const none = await run(db.pool, { ...hq, kept: bitmap(ids) });
        expect([...none.chunks.values()].every((c) => c.termCounts === undefined)).toBe(true);
        expect(await run(db.pool, { ...hq, kept: new Uint8Array(0) })).toEqual(full);
        const counts = await fetchTermCounts(db.pool, ids);
        for (const [id, row] of full.chunks) expect(counts.get(id)).toEqual(row.termCounts);
      }
    });

    it('are fetched by the searcher without the term counts it keeps, and rank as with them', async () => {
      const question = 'Milloin järjestöavustusten hakuaika päättyy?';
      const opts = { municipality: 'Myllymäki', audience: 'public' as const };
      const sent: Array<{ text: string; values: unknown[] }> = [];
      const query = db.pool.query.bind(db.pool) as (...a: unknown[]) => Promise<unknown>;
      const counting = Object.create(db.pool, {
        query: {
          value: (q: unknown, ...rest: unknown[]) => {
            if (typeof q === 'object') sent.push(q as { text: string; values: unknown[] });
            return query(q, ...rest);
          },
        },
      });
      const searcher = new HybridSearcher(counting, embedder, analyzer);
      const kept = () =>
        sent.filter((s) => s.text.startsWith('WITH v AS')).map((s) => s.values.find(Buffer.isBuffer)!.length);
      const first = await searcher.search(question, opts);
      // Nothing kept before the first search; after it, every candidate's terms are.
      const second = await searcher.search(question, opts);
      expect(kept()[0]).toBe(0);
      expect(kept()[1]).toBeGreaterThan(0);
      expect(sent.some((s) => s.text.startsWith('SELECT id, term_counts FROM chunks'))).toBe(false);
      expect(second).toEqual(first);
      // Ranked as by a searcher that keeps nothing back (every chunk's counts with its row).
      const plain = await new (class extends HybridSearcher {
        override async candidateQuery(...a: Parameters<HybridSearcher['candidateQuery']>) {
          const { kept: _, ...hq } = await super.candidateQuery(...a);
          return hq;
        }
      })(db.pool, embedder, analyzer).search(question, opts);
      expect(first).toEqual(plain);
    });

    it('has no terms list for a question the analysis left no terms in', async () => {
      const one = await hybridCandidates(db.pool, {
        dims: embedder.dimensions,
        vector: await embedder.embedQuery('ja tai', 'fi'),
        terms: [],
        text: 'ja tai',
        ftsConfig: 'finnish',
        filter: everywhere,
        candidates: 4,
        fullTextCandidates: 2,
      });
      expect(one.terms).toEqual([]);
      expect(one.vector.length).toBe(4);
    });
  });

  describe('the vector query', () => {
    it('returns the exact nearest chunks, nearest first', async () => {
      const vector = await embedder.embedQuery('liikuntasalien tuntihinta', 'fi');
      const filter = { ...everywhere, municipality: 'Lahdenkylä' };
      const got = await vectorSearch(db.pool, embedder.dimensions, vector, filter, 3);
      const exact = await exactVectorSearch(db.pool, embedder.dimensions, vector, filter, 3);
      expect(got.map((x) => x.id)).toEqual(exact.map((x) => x.id));
      const scores = got.map((x) => x.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    });
  });
});
