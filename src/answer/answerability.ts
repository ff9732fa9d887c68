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
import { mayBeFinnishVerb } from '../retrieval/analyzer.ts';

/** What the decision looks at, each 0..1. */
export interface AnswerabilityFeatures {
  /**
   * Share of the question's weighted content that the quoted sentence matches, with its neighbours
   * and its headings.
   */
  evidence: number;
  /** The same, each known word weighted by the square of its weight: the rarest words decide. */
  specific: number;
  /**
   * Share of the question's weight on words the index has never seen that look like nouns naming
   * a thing ("saunan", "koiravero"), not verb forms or spoken words ("antaman", "oikeen").
   */
  unknownNoun: number;
  /** The quoted sentence's own score (its coverage, the kind of fact it carries, its passage's rank), /1.5. */
  sentence: number;
}

export type FeatureName = keyof AnswerabilityFeatures;
export const FEATURES: readonly FeatureName[] = ['evidence', 'specific', 'unknownNoun', 'sentence'];

/**
 * The fitted model. Fitted 2026-12-01 by `npx tsx bench/fit-answerability.ts` on the demo pack's
 * questions (tests/eval/questions.jsonl) and ../shared/eval/real-dev (with the demo pack beside it):
 * L2-regularised logistic regression, label "the question is answerable from the documents", the
 * threshold chosen for the best balanced accuracy. tests/eval/heldout-real.jsonl is never used.
 */
export interface AnswerabilityModel {
  bias: number;
  weights: Record<FeatureName, number>;
  /** Answer when the probability reaches this. */
  threshold: number;
}

export const ANSWERABILITY: AnswerabilityModel = {
  bias: -4.1,
  weights: { evidence: 2.52, specific: 0.83, unknownNoun: -2.53, sentence: 2.37 },
  threshold: 0.35,
};

/** Coverage of the known words, each weighted by the square of its weight. */
export function specificFeature(tokens: readonly QueryToken[], has: (feature: string) => boolean): number {
  let total = 0;
  let covered = 0;
  for (const tk of tokens) {
    if (tk.unknown) continue;
    total += tk.weight ** 2;
    covered += tk.weight ** 2 * HybridSearcher.credit(tk, has);
  }
  return total ? covered / total : 0;
}

/**
 * Participles and other verb forms ("antaman", "hoitavan", "tehty"), colloquial and short words:
 * an unknown one is a paraphrase more often than a thing the documents lack.
 */
const NOT_A_THING = /(m[aä]n|m[aä]ns[aä]|m[aä]t|v[aä]n|v[aä]t|neen|nut|nyt|ttu|tty|ks|een)$/u;

export function looksLikeThing(tk: QueryToken): boolean {
  return (
    tk.surface.length >= 5 &&
    !/\d/.test(tk.surface) &&
    !mayBeFinnishVerb(tk.surface) &&
    !NOT_A_THING.test(tk.surface)
  );
}

export function unknownFeature(
  tokens: readonly QueryToken[],
  which: (tk: QueryToken) => boolean = () => true,
): number {
  const total = tokens.reduce((s, tk) => s + tk.weight, 0);
  return total
    ? tokens.filter((tk) => tk.unknown && which(tk)).reduce((s, tk) => s + tk.weight, 0) / total
    : 0;
}

export function answerability(f: AnswerabilityFeatures, model = ANSWERABILITY): number {
  let z = model.bias;
  for (const name of FEATURES) z += model.weights[name] * f[name];
  return 1 / (1 + Math.exp(-z));
}

export function answerable(f: AnswerabilityFeatures, model = ANSWERABILITY): boolean {
  return answerability(f, model) >= model.threshold;
}
