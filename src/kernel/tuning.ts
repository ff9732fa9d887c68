/**
 * Every tuning number of ranking and answering, in one place, with how it was set and on what
 * data. Measure a change with `npm run eval` (demo pack, ../shared/eval/real-dev, the held-out
 * questions; README "Quality") and read it beside the plain-BM25 row; the floors in `.ci/run`
 * (src/eval/eval-gate.ts) stop a change that hurts. Unless a number says otherwise it was set by
 * hand on the demo pack and real-dev together, never on the held-out questions.
 *
 * Changing an analysis number (KEY_LENGTH, LONG_KEY, EMBEDDING_WEIGHTS) changes what is stored:
 * bump ANALYSIS_VERSION in src/retrieval/analyzer.ts so the index is analysed again at start.
 */

// ── Analysis and embedding (src/retrieval/analyzer.ts, embedder.ts) ──────────────────────────

/** A word's index key: the first letters of its stem (Finnish inflection changes the ending). */
export const KEY_LENGTH = 6;

/** Long words (stems of 11+ letters, mostly compounds) also get a key of their first 10 letters. */
export const LONG_KEY = { minStem: 11, length: 10 };

/** Weight of each feature kind in the offline embedding (key, compound part, thesaurus concept, 4-gram). */
export const EMBEDDING_WEIGHTS = { key: 1.0, part: 0.8, concept: 1.6, gram: 0.25 };

// ── Search (src/retrieval/searcher.ts, bilingual.ts) ─────────────────────────────────────────

/**
 * Chunks scored per lexical query at most (by the document frequencies; the rarest term is kept
 * whatever its count). A question whose terms' chunks add up to less is searched by all of them as
 * before. At 100k chunks on PostgreSQL 15, 124 judged questions without a municipality
 * (bench/probes/rare-terms.ts; see src/retrieval/rare-terms.ts): the fact in the top hit 63 with all terms, 64 within 3000, 1000
 * or 300; in the top 3 83, 85, 87, 88; the top hit the same as with all terms for 122, 112, 107.
 */
export const RARE_TERM_BUDGET = 1000;

/** Reciprocal-rank fusion constant of the candidate lists (the usual 60). */
export const RRF_K = 60;

/** BM25 over the candidates, in-process (b below the usual 0.75, set by hand on the eval sets). */
export const BM25 = { k1: 1.2, b: 0.5 };

/** How the final score mixes the signals (tuned on tests/eval/questions.jsonl). */
export const RANK_WEIGHTS = {
  coverage: 0.25,
  bm25: 0.3,
  rrf: 0.05,
  cosine: 0.4,
  /**
   * With a municipality chosen, its own documents before region-wide ones unless those are clearly
   * better: a user of Routasalmi needs Routasalmi's rules, and a regional recommendation second.
   */
  own: 0.2,
};

/**
 * Word weights: a word the index has never seen, as a share of the rarest word's weight (in
 * Finnish questions, and in others); the share a Finnish verb form keeps.
 */
export const WORD_WEIGHTS = {
  unknownFi: 0.6,
  unknownOther: 0.1,
  /**
   * A long unknown word in a sv/en question, and what counts as long: long words are the specific
   * ones ("parking", "båthamnen"; short ones are "person", "vuxna", "named"), and asking about
   * what no document mentions must lead to a refusal in every language.
   */
  unknownOtherLong: 0.3,
  longWord: 7,
  verb: 0.35,
  /** The least weight of a long word, as a share of its long key's idf. */
  longKey: 0.5,
};

/**
 * How translations count: at most `perWord` translations the index knows (FreeDict lists a word's
 * rare senses beside its common ones, and a cap keeps them from matching everything), chosen from
 * the dictionary's first `candidates`; a chunk that matches one covers `credit` of the word.
 */
export const TRANSLATION = { perWord: 3, candidates: 12, credit: 0.8 };

// ── Answering (src/answer/extractive.ts, answerability.ts) ───────────────────────────────────

/**
 * A question about "the municipalities" is answered municipality by municipality, one search each,
 * for up to `regionalAll` of them (a region has 10-30). Beyond that (800 at the benchmark's 100k
 * chunks: ten seconds of searches holding the embedded database's one connection), one search
 * over them all picks the `regionalShown` municipalities whose documents match best.
 */
export const REGIONAL = { regionalAll: 30, regionalShown: 12 };

/**
 * How sentences are chosen, set by hand on the demo pack and real-dev (see README "Quality"). Whether
 * a local answer is given at all is the answerability model's decision (answerability.ts); the two
 * regional thresholds still decide each municipality's line of a list.
 */
export const THRESHOLDS = {
  /** Regional lines: share of the question's weighted content a municipality's passage must cover. */
  chunkCoverage: 0.5,
  /** Passages a local answer may quote: at least this coverage, and this share of the best one's. */
  candidateFloor: 0.3,
  candidateShare: 0.5,
  /** Regional lines: score the municipality's best sentence must reach. */
  sentence: 0.45,
  /** Extra sentences must score this share of the best one. */
  companion: 0.5,
  maxSentences: 3,
  monthOnlyPenalty: 0.15,
  /**
   * A date said only relatively ("tämän vuoden aikana", "ensi viikolla") dates less than a month
   * ("marraskuuhun saakka"): taken on top of monthOnlyPenalty. The same size, so that such a
   * sentence still beats one with no date at all (+0.3 against -0.15).
   */
  relativeDatePenalty: 0.15,
  noTimePenalty: 0.15,
  /** Penalty of a sentence that is itself a question (an FAQ heading): it is never the answer. */
  questionPenalty: 0.5,
  /** How a sentence's score mixes its own coverage of the question and its passage's score. */
  sentenceCoverage: 0.7,
  sentenceHit: 0.4,
  maxChars: 600,
  /** A second region's survey is quoted beside the first when its sentence scores this share of the best. */
  otherSurvey: 0.7,
  /** Penalty of a sentence that names years, none of them the one the question asks about. */
  otherYear: 0.25,
  /**
   * Penalty of a sentence that dates another step of the process than the one asked about: asked
   * when to apply, the date of the grant report is the wrong deadline.
   */
  otherStep: 0.3,
  /**
   * Penalty of a Swedish sentence quoted for a Finnish question: it meets the question by its
   * concepts in full (HybridSearcher.credit), so on a bilingual municipality's pages a loosely
   * related Swedish sentence could lead before the Finnish one with the fact. 0.05 was the
   * smallest of 0.05 / 0.1 / 0.2 that kept every demo answer's lead (all three scored the same).
   */
  otherLanguage: 0.05,
  /** Bonus of a sentence that defines what a "Mikä on X?" question asks about. */
  definition: 0.3,
};

/**
 * A counting question ("how many municipalities …") prefers region-wide passages and passages
 * that state numbers, as a bonus on the passage's score rather than a partition: a survey of
 * another region that states counts must not outrank the passage that answers.
 */
export const COUNT_ROUTE = { regionWide: 0.1, statesCount: 0.15, statesNumber: 0.08 };

/** How many units after a lead-in ending with ':' are its list. */
export const LIST_ITEMS = 4;

/**
 * The fitted model. Fitted 2026-12-01 by `npx tsx bench/fit-answerability.ts` on the dev sets: the
 * demo pack's questions and ../shared/eval/real-dev with the demo pack beside it (never
 * tests/eval/heldout-real.jsonl). Each question is answered by a model that always answers; label 1
 * when the question is answerable and that answer quotes the expected fact. L2-regularised logistic
 * regression in which an unanswerable question or a wrong answer weighs three answerable ones; the
 * threshold is the one with the best weighted accuracy over both sets. Refitted after every later
 * change to the analysis or the sentence choice that day: the refits moved at most one answer or
 * refusal per set, so these weights stayed (demo 123 of 140 candidates answered right and 16 of 16
 * refused; real-dev 44 of 50 and 4 of 5; the rest are refused before a candidate exists).
 * Second session: refitted with a local set of real municipal pages beside them (`--set`, see
 * README "Quality"), and with candidate features tried and dropped (the kind of fact carried, the
 * passage's search score, question and passage in different languages): every fit that answered
 * more of those pages refused fewer unanswerable demo questions, so these weights stayed.
 */
export const ANSWERABILITY = {
  bias: -4.93,
  weights: { evidence: 2.31, focus: 1.69, absentThing: -1.41, place: 1.72, sentence: 0.79 },
  threshold: 0.3,
} satisfies { bias: number; weights: Record<string, number>; threshold: number };

/** How much a compound the index has never seen as a whole counts as absent (see QueryToken.novel). */
export const NOVEL_COMPOUND = 0.5;
