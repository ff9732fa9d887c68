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
import type { FactKind } from './intent.ts';

/** What the decision looks at, each 0..1. */
export interface AnswerabilityFeatures {
  /** Share of the question's weighted content the best passage matches. */
  coverage: number;
  /** Share of it the quoted sentence matches, with its neighbours and its headings. */
  evidence: number;
  /** The same, each known word weighted by the square of its weight: the rarest words decide. */
  specific: number;
  /** 1 when the question asks for a kind of fact (a date, a sum, a person, a count) and the sentence carries it, 0 when it does not; 0.5 when no kind is asked. */
  kind: number;
  /** Share of the question's weight on words the index has never seen. */
  unknown: number;
  /** Share of it on unknown words that look like nouns naming a thing (not verb forms): "saunan", "koiravero". */
  unknownNoun: number;
  /** How far the best passage stands above the best passage of another document, relative to its score. */
  margin: number;
}

export type FeatureName = keyof AnswerabilityFeatures;
export const FEATURES: readonly FeatureName[] = [
  'coverage',
  'evidence',
  'specific',
  'kind',
  'unknown',
  'unknownNoun',
  'margin',
];

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
  bias: -2.53,
  weights: {
    coverage: 1.42,
    evidence: 2.28,
    specific: 0.71,
    kind: -0.92,
    unknown: -2.17,
    unknownNoun: -1.87,
    margin: 0.85,
  },
  threshold: 0.34,
};

/** Kinds of fact that a sentence can be checked for (places and procedures are too vague). */
const CHECKABLE: ReadonlySet<FactKind> = new Set(['date', 'amount', 'person', 'count', 'quantity']);

export function kindFeature(asked: ReadonlySet<FactKind>, carried: ReadonlySet<FactKind>): number {
  const wanted = [...asked].filter((k) => CHECKABLE.has(k));
  if (wanted.length === 0) return 0.5;
  // A count is also answered by a share ("30 % of municipalities") or a number word.
  return wanted.some(
    (k) => carried.has(k) || (k === 'count' && (carried.has('quantity') || carried.has('amount'))),
  )
    ? 1
    : 0;
}

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

/** (best − best of another document) / best: 0 when another document matches as well. */
export function marginFeature(best: number, otherDocument: number | undefined): number {
  if (best <= 0) return 0;
  return Math.max(0, Math.min(1, (best - (otherDocument ?? 0)) / best));
}

export function answerability(f: AnswerabilityFeatures, model = ANSWERABILITY): number {
  let z = model.bias;
  for (const name of FEATURES) z += model.weights[name] * f[name];
  return 1 / (1 + Math.exp(-z));
}

export function answerable(f: AnswerabilityFeatures, model = ANSWERABILITY): boolean {
  return answerability(f, model) >= model.threshold;
}
