/**
 * Hybrid search: candidates from pgvector (HNSW, cosine), from Kumppani's analysed terms and from
 * the language's own full text, fused by reciprocal rank, then re-scored in-process with BM25 over
 * the analysed terms and with *coverage*: how much of the question's content the chunk matches,
 * each question word weighted by its rarity. Coverage is also what tells a refusal from an answer.
 */
import type pg from 'pg';
import type { Language } from '../kernel/types.ts';
import { detectLanguage } from '../kernel/language.ts';
import { indexVersion } from '../store/documents.ts';
import {
  fetchTermCounts,
  hybridCandidates,
  hybridCandidatesApart,
  lexicalIndexes,
  termStatistics,
  type ChunkRow,
  type HybridCandidates,
  type HybridQuery,
  type LexicalIndexes,
  type SearchFilter,
} from '../store/search.ts';
import { indexedText } from '../retrieval/indexed-text.ts';
import { mayBeFinnishVerb, type Analyzer, type Token } from './analyzer.ts';
import { crossLingualFeatures, isForeignStopword, swedishFeatures, warmDictionary } from './bilingual.ts';
import { spokenCandidates } from './spoken.ts';
import { RARE_TERM_BUDGET, rareTerms } from './rare-terms.ts';
import type { Embedder } from './embedder.ts';
import type { SearchHit, SearchOptions, Searcher } from './types.ts';
import { BM25, RANK_WEIGHTS, RRF_K, TRANSLATION, WORD_WEIGHTS } from '../kernel/tuning.ts';

const FTS_CONFIG = { fi: 'finnish', sv: 'swedish', en: 'english' } as const;
/** A content word of the question with the features that can match it and its weight. */
export interface QueryToken {
  surface: string;
  features: string[];
  weight: number;
  /** None of the word's features occurs anywhere in the index. */
  unknown: boolean;
  /**
   * A Finnish compound the index has never seen as a whole, although its stem is known
   * ("kuukausikortti": "kuukausi" is there, a monthly card is not).
   */
  novel?: boolean;
  /** How much matching each feature is worth (its idf; 0 when the index lacks it). */
  featureWeights: number[];
  /**
   * The word can meet text of another language: a concept of the thesaurus, a translation from
   * the word list, or a number.
   */
  crossLingual?: boolean;
}

export interface AnalysedQuery {
  language: Language;
  tokens: QueryToken[];
  /** All features, for candidate retrieval. */
  terms: string[];
  /** The question with its spoken words in standard form ("montaks" -> "montako"), for intent. */
  standard?: string;
}

/** A chunk's analysed terms with their frequencies, and its length in terms (for BM25). */
export interface ChunkTerms {
  tf: Map<string, number>;
  length: number;
}

/**
 * How many chunks' terms are kept. A 10k index has ~7 000 active chunks, so they all stay; the
 * oldest go first, so a large index does not rebuild every one at once as clearing did.
 */
const CHUNK_TERMS_KEPT = 10_000;

/** A region's or a wellbeing services county's concept (src/kernel/regions.ts). */
const REGION_FEATURE = /^§(region|county)_/u;

interface Stats {
  version: string;
  total: number;
  avgTerms: number;
  df: Map<string, number>;
  keysByInitial: Map<string, string[]>;
  checkedAt: number;
}

/** Optimal string alignment distance, bounded: returns max+1 when over `max`. */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [
    i,
    ...Array<number>(b.length).fill(0),
  ]);
  for (let j = 0; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    let rowMin = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
  }
  return d[a.length]![b.length]!;
}

export class HybridSearcher implements Searcher {
  private stats?: Stats;
  private loading?: Promise<Stats>;
  private readonly chunkTerms = new Map<number, ChunkTerms>();
  /** The ids in chunkTerms as a bitmap (HybridQuery.kept): the search fetches no counts for them. */
  private kept = new Uint8Array(0);
  /** BM25 indexes the database has (created by migrations, so known once per process). */
  private lexical?: Promise<LexicalIndexes>;

  constructor(
    private readonly pool: pg.Pool,
    private readonly embedder: Embedder,
    private readonly analyzer: Analyzer,
    private readonly opts: {
      candidates?: number;
      statsTtlMs?: number;
      /** Chunks a question without a municipality scores per lexical query at most (rare-terms.ts). */
      rareTermBudget?: number;
      /**
       * The three candidate queries as separate statements sent at once (hybridCandidatesApart):
       * for a server, where each runs on its own connection; the embedded database has one.
       */
      candidatesApart?: boolean;
    } = {},
  ) {}

  /** Term statistics, reloaded when the index changed (checked at most every statsTtlMs). */
  private async getStats(): Promise<Stats> {
    const now = Date.now();
    const ttl = this.opts.statsTtlMs ?? 2000;
    if (this.stats && now - this.stats.checkedAt < ttl) return this.stats;
    if (this.loading) return this.loading;
    this.loading = (async () => {
      const version = await indexVersion(this.pool);
      if (this.stats && this.stats.version === version) {
        this.stats.checkedAt = now;
        return this.stats;
      }
      const { total, df } = await termStatistics(this.pool);
      let sum = 0;
      const keysByInitial = new Map<string, string[]>();
      for (const [term, n] of df) {
        sum += n;
        if (term.startsWith('§') || /^\d/.test(term)) continue;
        const list = keysByInitial.get(term[0]!) ?? [];
        list.push(term);
        keysByInitial.set(term[0]!, list);
      }
      this.chunkTerms.clear();
      this.kept = new Uint8Array(0);
      this.stats = { version, total, avgTerms: total ? sum / total : 1, df, keysByInitial, checkedAt: now };
      return this.stats;
    })().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  private idf(stats: Stats, df: number): number {
    return Math.log(1 + (stats.total - df + 0.5) / (df + 0.5));
  }

  /** A key the index has, or that begins one of its keys ("kaus" of "kausivuorot"). */
  private knownStem(stats: Stats, key: string): boolean {
    if (stats.df.has(key)) return true;
    return key.length >= 4 && (stats.keysByInitial.get(key[0]!) ?? []).some((k) => k.startsWith(key));
  }

  /** A misspelt word's key, corrected to the nearest key the index knows (edit distance 1, or 2 for long keys). */
  private correct(stats: Stats, key: string): string | undefined {
    if (key.length < 4 || /^\d/.test(key)) return undefined;
    const max = key.length >= 6 ? 2 : 1;
    let best: string | undefined;
    let bestDf = 0;
    let bestDist = max + 1;
    for (const cand of stats.keysByInitial.get(key[0]!) ?? []) {
      const dist = editDistance(key, cand, max);
      const df = stats.df.get(cand) ?? 0;
      if (dist < bestDist || (dist === bestDist && df > bestDf)) {
        best = cand;
        bestDf = df;
        bestDist = dist;
      }
    }
    return bestDist <= max ? best : undefined;
  }

  /**
   * Splits an unknown Finnish word into two words the index knows, the modifier first and the
   * (inflected) head last, preferring the longest head: Finnish compounds are open-ended, and the
   * thesaurus lists only the domain's own parts.
   */
  private splitByIndex(stats: Stats, word: string): { parts: string[]; concepts: string[] } | undefined {
    if (word.length < 7 || /\d|-/.test(word)) return undefined;
    for (let i = 3; i <= word.length - 4; i++) {
      const head = word.slice(0, i);
      const tail = word.slice(i);
      const hk = this.analyzer.key(head, 'fi');
      const tk = this.analyzer.key(tail, 'fi');
      // Both must be known: an unknown modifier is often what the question is about
      // ("arpajaisluvan": a lottery licence, not any licence).
      if (hk.length < 3 || tk.length < 3 || !stats.df.has(tk) || !stats.df.has(hk)) continue;
      const concepts = this.analyzer.tokens(`${head} ${tail}`, 'fi').flatMap((x) => x.concepts);
      return { parts: [hk, tk], concepts: [...new Set(concepts)] };
    }
    return undefined;
  }

  /** Content words of the question with their features (key, compound parts, concepts) and weights. */
  async analyse(question: string, language?: Language): Promise<AnalysedQuery> {
    const stats = await this.getStats();
    const lang = language ?? detectLanguage(question);
    const toks: Token[] = this.analyzer.tokens(question, lang);
    const tokens: QueryToken[] = [];
    const maxIdf = this.idf(stats, 0);
    const standardised = new Map<string, string>();
    for (const spoken of toks) {
      const t = lang === 'fi' ? this.standardForm(stats, spoken) : spoken;
      if (t.surface !== spoken.surface) standardised.set(spoken.surface, t.surface);
      if (t.stop || t.key.length < 2) continue;
      let key = t.key;
      let parts = t.parts;
      let concepts = t.concepts;
      if (lang === 'fi' && !stats.df.has(key) && t.parts.length === 0) {
        // A compound the thesaurus does not know may still be made of words the documents use
        // ("kesälomien" of "kesä" and "lomien"); failing that, a misspelling is corrected against
        // the index's (mostly Finnish) vocabulary, so only in Finnish questions: "vuxna" must not
        // become "vuonna". A long-vowel ending is an infinitive ("laittaa", "jakaa") rather than a
        // typo, and "correcting" it to a noun ("liite") changes the question.
        const split = this.splitByIndex(stats, t.surface);
        if (split) {
          parts = split.parts;
          concepts = [...new Set([...t.concepts, ...split.concepts])];
        } else if (t.concepts.length === 0 && !/(aa|ää)$/.test(t.surface))
          key = this.correct(stats, key) ?? key;
      }
      const features = [key, ...parts, ...(t.long ? [t.long] : []), ...concepts.map((c) => `§${c}`)];
      const known = features.filter((f) => stats.df.has(f));
      if (lang === 'fi' && known.length === 0 && isForeignStopword(this.analyzer, t.surface)) continue;
      // Across languages, the word's Finnish translations (bilingual.ts), worth part of the word.
      const has = (f: string) => stats.df.has(f) && !features.includes(f);
      const translated = crossLingualFeatures(this.analyzer, t.surface, lang, {
        knownAlready: known.length > 0,
        hasConcepts: concepts.length > 0,
        has,
      });
      // A Finnish word meets the Swedish pages of bilingual municipalities through its translations.
      // (Words with a concept already meet it through the concept; translating them too lost an
      // answer on real-dev.)
      if (lang === 'fi' && concepts.length === 0)
        for (const f of swedishFeatures(this.analyzer, { key }, has))
          if (!translated.includes(f)) translated.push(f);
      // The rarest known feature says how specific the word is. A word the index has never seen
      // still weighs a good deal in a question in the documents' main language (fi): asking about
      // what is not there ("sauna") must lead to a refusal. In sv/en questions most words cannot
      // match Finnish text at all, so there only the concepts and names decide.
      // Across languages only concepts can match (a Swedish word never meets Finnish text), so in
      // sv/en questions a word with concepts weighs what its concepts weigh. (Doing the same in
      // Finnish questions lost more than it won on the eval set.)
      const conceptIdfs = known
        .filter((f) => f.startsWith('§'))
        .map((f) => this.idf(stats, stats.df.get(f)!));
      // A long word's long key ranks the passages that use that very word first (BM25), but does
      // not set its weight: the stemmer gives it to some forms only ("yhdistysiltoja", not
      // "yhdistysilta"), and a passage with another form must not look as if it missed the word.
      const weighing = known.length > 1 ? known.filter((f) => f !== t.long) : known;
      let weight =
        lang !== 'fi' && conceptIdfs.length
          ? Math.max(...conceptIdfs)
          : weighing.length
            ? Math.max(...weighing.map((f) => this.idf(stats, stats.df.get(f)!)))
            : maxIdf *
              (lang === 'fi'
                ? WORD_WEIGHTS.unknownFi
                : t.surface.length >= WORD_WEIGHTS.longWord
                  ? WORD_WEIGHTS.unknownOtherLong
                  : WORD_WEIGHTS.unknownOther);
      // Still, a compound whose key is generic ("yhdistysagentit": "yhdist") weighs at least a
      // share of what its long key says, or the question's verb would outweigh its subject.
      if (lang === 'fi' && t.long && stats.df.has(t.long))
        weight = Math.max(weight, WORD_WEIGHTS.longKey * this.idf(stats, stats.df.get(t.long)!));
      // A compound is as unknown as its least known part: "uimahalli" is not in documents that only
      // speak of "liikuntahalli", although "halli" is.
      // Verbs are paraphrased more than nouns; a concept-less verb form weighs less.
      if (lang === 'fi' && concepts.length === 0 && mayBeFinnishVerb(t.surface)) weight *= WORD_WEIGHTS.verb;
      const unknown =
        (known.length === 0 && translated.length === 0) ||
        (!stats.df.has(key) && parts.some((p) => !this.knownStem(stats, p)));
      const featureWeights = [
        ...features.map((f) =>
          !stats.df.has(f)
            ? 0
            : f === t.long
              ? Math.min(weight, this.idf(stats, stats.df.get(f)!))
              : this.idf(stats, stats.df.get(f)!),
        ),
        ...translated.map(() => weight * TRANSLATION.credit),
      ];
      features.push(...translated);
      const novel = !unknown && lang === 'fi' && !!t.long && !stats.df.has(t.long) && concepts.length === 0;
      const crossLingual = translated.length > 0 || concepts.length > 0 || /^\d/.test(key);
      tokens.push({
        surface: t.surface,
        features,
        weight,
        unknown,
        featureWeights,
        ...(novel ? { novel } : {}),
        ...(crossLingual ? { crossLingual } : {}),
      });
    }
    // The thesaurus's spoken words ("ilmaseks") and the rules' ("montaks"), in the question's text.
    const spokenWords = this.analyzer.thesaurus.spoken;
    const standard = question.replace(/[\p{L}\p{N}]+/gu, (w) => {
      const lower = w.toLowerCase();
      return standardised.get(lower) ?? (lang === 'fi' ? spokenWords.get(lower) : undefined) ?? w;
    });
    return { language: lang, tokens, terms: [...new Set(tokens.flatMap((t) => t.features))], standard };
  }

  /**
   * A spoken word the index does not know, read as the standard form the index knows (or as the
   * function word it is: "onks" is "onko"): see spoken.ts. Other words are returned as they are.
   */
  private standardForm(stats: Stats, t: Token): Token {
    if (t.stop || stats.df.has(t.key) || t.parts.length || t.concepts.length) return t;
    for (const candidate of spokenCandidates(t.surface)) {
      const [standard] = this.analyzer.tokens(candidate, 'fi');
      // Known to the index as a word, or through a concept ("lupas" -> "lupasi", a commitment).
      const known = (s: Token) => stats.df.has(s.key) || s.concepts.some((c) => stats.df.has(`§${c}`));
      if (standard && (standard.stop || known(standard))) return standard;
    }
    return t;
  }

  /**
   * Loads the term statistics now (seconds at 100k chunks), and the word lists, so that the first
   * question after a start does not wait for them.
   */
  async warm(): Promise<void> {
    await this.getStats();
    warmDictionary();
  }

  /** The analysed terms of a hit (cached per chunk), with their frequencies. */
  hitTerms(hit: SearchHit): Map<string, number> {
    return this.termsOf({ ...hit, id: hit.chunkId, ord: 0 }).tf;
  }

  private termsOf(row: ChunkRow): ChunkTerms {
    let terms = this.chunkTerms.get(row.id);
    if (!terms) {
      // Without stored counts (written by an older version into a shared server), analysed here.
      const counts = row.termCounts ?? this.analyzer.termCounts(indexedText(row), row.language);
      const tf = new Map(Object.entries(counts));
      let length = 0;
      for (const n of tf.values()) length += n;
      terms = { tf, length };
      if (this.chunkTerms.size >= CHUNK_TERMS_KEPT) {
        const oldest = this.chunkTerms.keys().next().value!;
        this.chunkTerms.delete(oldest);
        this.kept[oldest >> 3]! &= ~(1 << (oldest & 7));
      }
      this.chunkTerms.set(row.id, terms);
      if (row.id >> 3 >= this.kept.length) {
        const grown = new Uint8Array(Math.max((row.id >> 3) + 1, 2 * this.kept.length));
        grown.set(this.kept);
        this.kept = grown;
      }
      this.kept[row.id >> 3]! |= 1 << (row.id & 7);
    }
    return terms;
  }

  /** Share of the question's weight that a set of terms covers, 0..1. */
  static coverage(q: AnalysedQuery, has: (feature: string) => boolean, textLanguage?: Language): number {
    // sv/en questions already weigh their words by their concepts (see analyse); a Finnish
    // question meeting a Swedish page is the case left.
    const across = q.language === 'fi' && textLanguage !== undefined && textLanguage !== 'fi';
    let total = 0;
    let covered = 0;
    for (const t of q.tokens) {
      total += t.weight;
      covered += t.weight * HybridSearcher.credit(t, has, across);
    }
    return total ? covered / total : 0;
  }

  /**
   * How fully a word is matched, 0..1: by its own key fully, by a generic part or concept only in
   * proportion to how specific that is ("liikuntasali" is only partly matched by any "sali").
   */
  static credit(t: QueryToken, has: (feature: string) => boolean, across = false): number {
    let best = 0;
    // In text of another language the word itself can never appear, so there a concept is worth
    // what it is among the word's concepts ("liikuntasalista" meets a Swedish "gymnastiksal" by
    // its most specific concept fully), not what it is against the word's rarity in Finnish text:
    // that lost a Swedish page as soon as one Finnish page used the word.
    let conceptMax = 0;
    if (across)
      for (let i = 0; i < t.features.length; i++)
        if (t.features[i]!.startsWith('§')) conceptMax = Math.max(conceptMax, t.featureWeights[i]!);
    for (let i = 0; i < t.features.length; i++) {
      const f = t.features[i]!;
      if (!has(f)) continue;
      const of = across && conceptMax && f.startsWith('§') ? conceptMax : t.weight;
      best = Math.max(best, of ? t.featureWeights[i]! / of : 0);
    }
    return Math.min(1, best);
  }

  /**
   * What the search asks of the index for an analysed question and its vector (hybridCandidates'
   * input), so that a measurement can run or explain exactly that.
   */
  async candidateQuery(
    query: string,
    opts: SearchOptions,
    q: AnalysedQuery,
    vector: number[],
  ): Promise<HybridQuery> {
    const stats = await this.getStats();
    const n = this.opts.candidates ?? 40;
    const filter: SearchFilter = {
      audience: opts.audience,
      municipality: opts.municipality ?? null,
      language: null,
    };
    this.lexical ??= lexicalIndexes(this.pool).catch((err: unknown) => {
      this.lexical = undefined;
      throw err;
    });
    // With a municipality its few chunks are all scored; without one, only those with a rarer term.
    const narrow =
      filter.municipality === null
        ? rareTerms(q.tokens, (f) => stats.df.get(f) ?? 0, this.opts.rareTermBudget ?? RARE_TERM_BUDGET)
        : undefined;
    return {
      ...(narrow ? { narrow } : {}),
      dims: this.embedder.dimensions,
      vector,
      terms: q.terms,
      text: query,
      ftsConfig: FTS_CONFIG[q.language],
      filter,
      candidates: n,
      fullTextCandidates: Math.ceil(n / 2),
      indexes: await this.lexical,
      // The chunks whose terms are kept here come without their counts (a copy: the bitmap
      // changes as other searches finish).
      kept: this.kept.slice(),
    };
  }

  /**
   * The candidate lists and their chunks, in one statement or (candidatesApart) three at once,
   * with each chunk's analysed terms (`chunkTerms`, by chunk id).
   */
  async fetchCandidates(
    hq: HybridQuery,
  ): Promise<HybridCandidates & { chunkTerms: Map<number, ChunkTerms> }> {
    const found = await (this.opts.candidatesApart
      ? hybridCandidatesApart(this.pool, hq)
      : hybridCandidates(this.pool, hq));
    const kept = hq.kept;
    if (kept) {
      // A chunk sent without its counts because its terms were kept here may have been pushed out
      // by another search meanwhile (when more chunks than CHUNK_TERMS_KEPT are searched): its
      // counts are fetched, and checked again after each fetch.
      const fetched = new Set<number>();
      const wasKept = (id: number) => id >> 3 < kept.length && (kept[id >> 3]! & (1 << (id & 7))) !== 0;
      for (;;) {
        const missing = [...found.chunks.values()].filter(
          (r) => !r.termCounts && wasKept(r.id) && !fetched.has(r.id) && !this.chunkTerms.has(r.id),
        );
        if (!missing.length) break;
        const counts = await fetchTermCounts(
          this.pool,
          missing.map((r) => r.id),
        );
        for (const r of missing) {
          fetched.add(r.id);
          r.termCounts = counts.get(r.id) ?? undefined;
        }
      }
    }
    // Taken now, in the same turn as the check above, so nothing is pushed out before it is read.
    const chunkTerms = new Map<number, ChunkTerms>();
    for (const row of found.chunks.values()) chunkTerms.set(row.id, this.termsOf(row));
    return { ...found, chunkTerms };
  }

  /**
   * Per document, the question's region features that any of its candidate passages matches (see
   * SearchHit.places). Regions only: a municipality named in a region-wide article is one example
   * among many, not what the whole article is about.
   */
  private documentPlaces(
    q: AnalysedQuery,
    rows: Iterable<ChunkRow>,
    termsOf: (row: ChunkRow) => Map<string, number>,
  ): Map<number, Set<string>> {
    const out = new Map<number, Set<string>>();
    const features = q.tokens
      .filter((t) => t.features.some((f) => REGION_FEATURE.test(f)))
      .flatMap((t) => t.features);
    if (!features.length) return out;
    for (const row of rows) {
      const tf = termsOf(row);
      for (const f of features) {
        if (!tf.has(f)) continue;
        const set = out.get(row.documentId) ?? new Set<string>();
        set.add(f);
        out.set(row.documentId, set);
      }
    }
    return out;
  }

  /**
   * @param analysed the question as `analyse` returned it, possibly narrowed by the caller (e.g.
   *   without the municipality's name, which is a filter rather than content).
   */
  async search(query: string, opts: SearchOptions, analysed?: AnalysedQuery): Promise<SearchHit[]> {
    const stats = await this.getStats();
    const q = analysed ?? (await this.analyse(query, opts.language));
    const limit = opts.limit ?? 8;
    const vector = await this.embedder.embedQuery(query, q.language);
    const found = await this.fetchCandidates(await this.candidateQuery(query, opts, q, vector));
    const { vector: vec, terms: lex, fullText: fts } = found;

    const fused = new Map<number, { rrf: number; cosine: number }>();
    const addList = (list: { id: number; score: number }[], weight: number, isVector = false) =>
      list.forEach((r, rank) => {
        const e = fused.get(r.id) ?? { rrf: 0, cosine: 0 };
        e.rrf += weight / (RRF_K + rank + 1);
        if (isVector) e.cosine = r.score;
        fused.set(r.id, e);
      });
    addList(vec, 1, true);
    addList(lex, 1);
    addList(fts, 0.5);
    const rows = found.chunks;

    const maxRrf = Math.max(1e-9, ...[...fused.values()].map((e) => e.rrf));
    // The same for every candidate: each feature's idf and the best BM25 a question can reach.
    const idfs = q.tokens.map((t) => t.features.map((f) => this.idf(stats, stats.df.get(f) ?? 0)));
    let maxBm25 = 0;
    for (const t of q.tokens) maxBm25 += t.weight * (BM25.k1 + 1);
    const placesOf = this.documentPlaces(q, rows.values(), (row) => found.chunkTerms.get(row.id)!.tf);
    const hits: SearchHit[] = [];
    for (const [id, e] of fused) {
      const row = rows.get(id);
      if (!row) continue;
      const { tf, length: len } = found.chunkTerms.get(id)!;
      const placed = placesOf.get(row.documentId);
      let bm25 = 0;
      q.tokens.forEach((t, i) => {
        // Best matching feature per word: a word counts once however many of its features match.
        let best = 0;
        t.features.forEach((f, j) => {
          const f_tf = tf.get(f) ?? 0;
          if (!f_tf) return;
          const s =
            (idfs[i]![j]! * f_tf * (BM25.k1 + 1)) /
            (f_tf + BM25.k1 * (1 - BM25.b + (BM25.b * len) / stats.avgTerms));
          best = Math.max(best, s);
        });
        bm25 += best;
      });
      const coverage = HybridSearcher.coverage(
        q,
        placed ? (f) => tf.has(f) || placed.has(f) : (f) => tf.has(f),
        row.language,
      );
      // With a municipality chosen, its own documents go first unless a region-wide one is clearly better.
      const own =
        opts.municipality && row.municipality?.toLowerCase() === opts.municipality.toLowerCase()
          ? RANK_WEIGHTS.own
          : 0;
      const w = RANK_WEIGHTS;
      const score =
        w.coverage * coverage +
        w.bm25 * (maxBm25 ? bm25 / maxBm25 : 0) +
        w.rrf * (e.rrf / maxRrf) +
        w.cosine * Math.max(0, e.cosine) +
        own;
      hits.push({
        chunkId: row.id,
        documentId: row.documentId,
        source: row.source,
        title: row.title,
        section: row.section,
        page: row.page,
        url: row.url,
        municipality: row.municipality,
        date: row.date,
        language: row.language,
        text: row.text,
        score,
        coverage,
        ...(placed ? { places: [...placed] } : {}),
      });
    }
    hits.sort((a, b) => b.score - a.score || a.chunkId - b.chunkId);
    return hits.slice(0, limit);
  }
}
