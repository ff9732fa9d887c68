/**
 * Whether the passage and sentence the answer would quote really answer the question, or only
 * stand near it. Replaces a rule that refused whenever one question word was absent from the
 * index (it refused "antaman", a participle) and a fixed coverage threshold (which let "asked for
 * a fee the page does not give" quote another fee).
 *
 * A few features of the candidate answer, combined by a logistic model whose weights were fitted
 * on data (`bench/fit-answerability.ts`; see ANSWERABILITY below for how and on what).
 */
import type { QueryToken } from '../retrieval/searcher.ts';
import { HybridSearcher } from '../retrieval/searcher.ts';
import type { Language } from '../kernel/types.ts';
import { mayBeFinnishVerb } from '../retrieval/analyzer.ts';
import { ANSWERABILITY, NOVEL_COMPOUND, WORD_WEIGHTS } from '../kernel/tuning.ts';

/** What the decision looks at, each 0..1. */
export interface AnswerabilityFeatures {
  /**
   * Share of the question's weighted content that the quoted sentence matches, with its neighbours
   * and its headings.
   */
  evidence: number;
  /**
   * Share of the question's weight on words the index has never seen that look like nouns naming
   * a thing ("saunan", "koiravero"), not verb forms or spoken words ("antaman", "oikeen").
   */
  absentThing: number;
  /** Share of the question's weighted content that the quoted sentence alone matches. */
  focus: number;
  /** 1 when every place the question names (a region, a municipality without documents) is matched by the quoted passage. */
  place: number;
  /** The quoted sentence's own score (its coverage, the kind of fact it carries, its passage's rank), /1.5. */
  sentence: number;
}

export type FeatureName = keyof AnswerabilityFeatures;
export const FEATURES: readonly FeatureName[] = ['evidence', 'focus', 'absentThing', 'place', 'sentence'];

/** A logistic model over the features; the fitted one is ANSWERABILITY in src/kernel/tuning.ts. */
export interface AnswerabilityModel {
  bias: number;
  weights: Record<FeatureName, number>;
  /** Answer when the probability reaches this. */
  threshold: number;
}

/**
 * Participles and other verb forms ("antaman", "hoitavan", "tehty"), colloquial and short words:
 * an unknown one is a paraphrase more often than a thing the documents lack.
 */
const NOT_A_THING = /(m[aä]n|m[aä]ns[aä]|m[aä]t|v[aä]n|v[aä]t|neen|nut|nyt|ttu|tty|ks|een)$/u;

export function looksLikeThing(tk: QueryToken, lang: Language): boolean {
  if (/\d/.test(tk.surface)) return false;
  // In sv/en questions most words are unknown to Finnish documents; only long ones are specific
  // ("parking", "båthamnen"), as the searcher weighs them.
  if (lang !== 'fi') return tk.surface.length >= WORD_WEIGHTS.longWord;
  // A long unknown word is a compound noun more often than a participle: "arpajaisluvan" is a
  // lottery licence, although it ends like "hoitavan".
  const verbLike = mayBeFinnishVerb(tk.surface) || (tk.surface.length <= 11 && NOT_A_THING.test(tk.surface));
  return tk.surface.length >= 5 && !verbLike;
}

/**
 * Share of the question's weight on things the index has never seen ("saunan", "parking"), a
 * compound never seen as a whole ("kuukausikortti") counting NOVEL_COMPOUND.
 */
export function absentThingFeature(tokens: readonly QueryToken[], lang: Language): number {
  const total = tokens.reduce((s, tk) => s + tk.weight, 0);
  let absent = 0;
  for (const tk of tokens)
    if ((tk.unknown || tk.novel) && looksLikeThing(tk, lang))
      absent += tk.weight * (tk.unknown ? 1 : NOVEL_COMPOUND);
  return total ? absent / total : 0;
}

/** The least matched of the places the question names, 1 when it names none. */
export function placeFeature(places: readonly QueryToken[], has: (feature: string) => boolean): number {
  return places.length ? Math.min(...places.map((tk) => HybridSearcher.credit(tk, has))) : 1;
}

export function answerability(f: AnswerabilityFeatures, model = ANSWERABILITY): number {
  let z = model.bias;
  for (const name of FEATURES) z += model.weights[name] * f[name];
  return 1 / (1 + Math.exp(-z));
}
