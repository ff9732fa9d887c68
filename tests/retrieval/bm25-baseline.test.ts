import { describe, expect, it } from 'vitest';
import { BM25_PARAMS, Bm25Index, bm25Terms, rankDocuments } from '../../src/retrieval/bm25-baseline.ts';

describe('bm25Terms', () => {
  it('lowercases Unicode words, drops the language’s stopwords and stems with its snowball stemmer', () => {
    expect(bm25Terms('Avustukset ja Avustusten haku 2027!', 'fi')).toEqual([
      'avustuks',
      'avustust',
      'haku',
      '2027',
    ]);
    expect(bm25Terms('The grants of the city', 'en')).toEqual(['grant', 'citi']);
    expect(bm25Terms('Bidragen för föreningar', 'sv')).toEqual(['bidrag', 'förening']);
  });

  it('knows no compound parts or synonyms: that is the engine’s analysis, not the baseline’s', () => {
    expect(bm25Terms('järjestöavustus', 'fi')).toEqual(['järjestöavustus']);
  });
});

describe('Bm25Index', () => {
  // Three chunks of two documents; lengths 3, 2 and 4 terms, average 3.
  const chunks = [
    { id: 1, text: 'kissa koira kissa', language: 'fi' as const },
    { id: 2, text: 'koira hevonen', language: 'fi' as const },
    { id: 3, text: 'lehmä lammas vuohi koira', language: 'fi' as const },
  ];
  const index = new Bm25Index(chunks);

  it('scores by the textbook formula (k1 1.2, b 0.75, idf ln(1 + (N - n + 0.5) / (n + 0.5)))', () => {
    const { k1, b } = BM25_PARAMS;
    const idf = (n: number) => Math.log(1 + (3 - n + 0.5) / (n + 0.5));
    const part = (tf: number, len: number) => (tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * len) / 3));
    const hits = index.search('kissa', 'fi');
    expect(hits).toHaveLength(1);
    expect(hits[0]!.id).toBe(1);
    expect(hits[0]!.score).toBeCloseTo(idf(1) * part(2, 3), 10);
    const koira = index.search('koira hevonen', 'fi');
    expect(koira.map((h) => h.id)).toEqual([2, 1, 3]);
    expect(koira[0]!.score).toBeCloseTo(idf(3) * part(1, 2) + idf(1) * part(1, 2), 10);
  });

  it('counts a repeated question word once, and drops chunks the asker may not see after scoring', () => {
    expect(index.search('kissa kissa', 'fi')[0]!.score).toBeCloseTo(
      index.search('kissa', 'fi')[0]!.score,
      10,
    );
    expect(index.search('koira', 'fi', (id) => id !== 2).map((h) => h.id)).toEqual([1, 3]);
    expect(index.search('ja', 'fi')).toEqual([]);
  });

  it('ranks documents by their best chunk', () => {
    const doc = (id: number) => (id === 3 ? 'b.txt' : 'a.txt');
    expect(rankDocuments(index.search('koira vuohi', 'fi'), doc)).toEqual(['b.txt', 'a.txt']);
  });
});
