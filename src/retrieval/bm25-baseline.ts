/**
 * Plain BM25, the yardstick `kumppani eval --baseline` reads the engine's figures against: what a
 * textbook retriever finds in the very same stored chunks, without the thesaurus, compound
 * splitting, spoken-form mapping, vectors or re-scoring. Deliberately nothing clever: a gain the
 * engine shows over this row is a gain of Kumppani's own analysis and ranking.
 *
 * Words are lowercase Unicode letter/digit runs; each chunk is stemmed with the snowball stemmer
 * of its own language, the question with that of its language, after dropping the general
 * stopwords (stopwords-iso) of that language. Okapi BM25 with k1 1.2, b 0.75 and Lucene's
 * non-negative idf; each distinct question word counts once.
 */
import snowball from 'snowball-stemmers';
import { stopwordsIso } from './stopwords-iso.ts';
import { LANGUAGES, type Language } from '../kernel/types.ts';

export const BM25_PARAMS = { k1: 1.2, b: 0.75 } as const;

const WORD = /[\p{L}\p{N}]+/gu;
const SNOWBALL: Record<Language, string> = { fi: 'finnish', sv: 'swedish', en: 'english' };
const stemmers = Object.fromEntries(LANGUAGES.map((l) => [l, snowball.newStemmer(SNOWBALL[l])])) as Record<
  Language,
  { stem(word: string): string }
>;
const stopwords = Object.fromEntries(LANGUAGES.map((l) => [l, new Set(stopwordsIso[l] ?? [])])) as Record<
  Language,
  Set<string>
>;

/** The terms BM25 indexes of a text in `language`: stems of its non-stopword words, in order. */
export function bm25Terms(text: string, language: Language): string[] {
  const stop = stopwords[language];
  const stemmer = stemmers[language];
  return (text.toLowerCase().match(WORD) ?? []).filter((w) => !stop.has(w)).map((w) => stemmer.stem(w));
}

export interface BaselineChunk {
  id: number;
  text: string;
  language: Language;
}

export interface ScoredChunk {
  id: number;
  score: number;
}

export class Bm25Index {
  private readonly ids: number[] = [];
  private readonly lengths: number[] = [];
  /** term -> [chunk position, term frequency] */
  private readonly postings = new Map<string, Array<[number, number]>>();
  private readonly avgLength: number;

  constructor(
    chunks: readonly BaselineChunk[],
    private readonly params: { k1: number; b: number } = BM25_PARAMS,
  ) {
    for (const chunk of chunks) {
      const position = this.ids.length;
      const terms = bm25Terms(chunk.text, chunk.language);
      this.ids.push(chunk.id);
      this.lengths.push(terms.length);
      const tf = new Map<string, number>();
      for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
      for (const [t, n] of tf) {
        let list = this.postings.get(t);
        if (!list) this.postings.set(t, (list = []));
        list.push([position, n]);
      }
    }
    this.avgLength = this.lengths.reduce((s, n) => s + n, 0) / Math.max(1, this.lengths.length);
  }

  /**
   * Chunks that share a term with the query, best first (ties by id). `accept` drops chunks the
   * asker may not see (another municipality, staff only) after scoring, so corpus statistics are
   * the whole index's, as in a single search index.
   */
  search(query: string, language: Language, accept: (id: number) => boolean = () => true): ScoredChunk[] {
    const { k1, b } = this.params;
    const n = this.ids.length;
    const scores = new Map<number, number>();
    for (const term of new Set(bm25Terms(query, language))) {
      const list = this.postings.get(term);
      if (!list) continue;
      const idf = Math.log(1 + (n - list.length + 0.5) / (list.length + 0.5));
      for (const [position, tf] of list) {
        const norm = k1 * (1 - b + (b * this.lengths[position]!) / (this.avgLength || 1));
        scores.set(position, (scores.get(position) ?? 0) + (idf * tf * (k1 + 1)) / (tf + norm));
      }
    }
    return [...scores]
      .map(([position, score]) => ({ id: this.ids[position]!, score }))
      .filter((c) => accept(c.id))
      .sort((x, y) => y.score - x.score || x.id - y.id);
  }
}

/** Documents in the order of their best chunk. */
export function rankDocuments(ranked: readonly ScoredChunk[], documentOf: (id: number) => string): string[] {
  const docs: string[] = [];
  for (const c of ranked) {
    const d = documentOf(c.id);
    if (!docs.includes(d)) docs.push(d);
  }
  return docs;
}
