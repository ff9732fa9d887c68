/**
 * Fits the answerability model (src/answer/answerability.ts) on the dev sets: the demo pack's
 * questions and ../shared/eval/real-dev with the demo pack beside it. Never on
 * tests/eval/heldout-real.jsonl, which is kept for reporting.
 *
 *   npx tsx bench/fit-answerability.ts            # fit, print the model and its figures per set
 *   npx tsx bench/fit-answerability.ts --set field=/path/to/own-set   # also fit on a set of one's own
 *
 * Each question is answered with a model that answers everything, so every question yields the
 * features of the answer it would give. Label 1 when the question is answerable and that answer
 * quotes the expected fact, 0 when the question is unanswerable or the answer would be wrong: a
 * wrong grant fact is worse than a refusal that names the contact person.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { EVAL_SETS, isHeldOut, localSet, runSet } from '../src/eval/eval-sets.ts';
import { ExtractiveAnswerer } from '../src/answer/extractive.ts';
import { ANSWERABILITY, REGIONAL } from '../src/kernel/tuning.ts';
import type { HybridSearcher } from '../src/retrieval/searcher.ts';
import {
  FEATURES,
  answerability,
  type AnswerabilityModel,
  type AnswerabilityFeatures,
} from '../src/answer/answerability.ts';

interface Sample {
  set: string;
  id: string;
  x: AnswerabilityFeatures;
  /** The question is answerable and the candidate answer quotes the expected fact. */
  good: boolean;
  unanswerable: boolean;
}

/**
 * The dev sets: every eval set but the held-out one, which is kept for reporting, and the sets of
 * one's own given as `--set NAME=DIR` (those named held… are left out too).
 */
const DEV_SETS = [
  ...EVAL_SETS,
  ...process.argv.flatMap((a, i) => (process.argv[i - 1] === '--set' ? [localSet(a)] : [])),
].filter((set) => !isHeldOut(set));

async function collect(): Promise<Sample[]> {
  const out: Sample[] = [];
  const always: AnswerabilityModel = { ...ANSWERABILITY, threshold: -1 };
  for (const set of DEV_SETS) {
    const outcome = await runSet(set, {
      answerer: (s) =>
        new ExtractiveAnswerer(s.db.pool, s.searcher as HybridSearcher, s.analyzer, REGIONAL, always),
    });
    if ('skipped' in outcome) {
      process.stderr.write(`skipping ${set.name}: ${outcome.skipped}\n`);
      continue;
    }
    for (const r of outcome.results) {
      const x = r.answer.answerability?.features;
      if (!x) continue; // refused before any candidate (no content words, no passage, regional)
      out.push({
        set: set.name,
        id: r.q.id,
        x,
        good: !r.q.expect_unanswered && !!r.correct,
        unanswerable: !!r.q.expect_unanswered,
      });
    }
  }
  return out;
}

/**
 * A wrong fact where the documents are silent costs more than a refusal that names the contact
 * person: an unanswerable question, or an answer that would be wrong, weighs this many answerable
 * ones, in the fit and in choosing the threshold.
 */
const REFUSAL_WEIGHT = 3;

/** L2-regularised logistic regression by gradient descent; each set weighs the same in total. */
function fit(samples: Sample[], l2 = 0.002, steps = 30_000, rate = 1): AnswerabilityModel {
  const perSet = new Map<string, number>();
  const weightOf = (s: Sample) => (s.good ? 1 : REFUSAL_WEIGHT);
  for (const s of samples) perSet.set(s.set, (perSet.get(s.set) ?? 0) + weightOf(s));
  const w = Object.fromEntries(FEATURES.map((f) => [f, 0])) as Record<(typeof FEATURES)[number], number>;
  let bias = 0;
  for (let step = 0; step < steps; step++) {
    let gb = 0;
    const gw = Object.fromEntries(FEATURES.map((f) => [f, 0])) as typeof w;
    let totalWeight = 0;
    for (const s of samples) {
      const weight = weightOf(s) / perSet.get(s.set)!;
      totalWeight += weight;
      const p = answerability(s.x, { bias, weights: w, threshold: 0.5 });
      const err = (p - (s.good ? 1 : 0)) * weight;
      gb += err;
      for (const f of FEATURES) gw[f] += err * s.x[f];
    }
    bias -= (rate * gb) / totalWeight;
    for (const f of FEATURES) w[f] -= rate * (gw[f] / totalWeight + l2 * w[f]);
  }
  return { bias, weights: w, threshold: 0.5 };
}

/** Per set: answers correct among answerable questions, refusals among unanswerable ones. */
function figures(samples: Sample[], model: AnswerabilityModel, set: string) {
  const xs = samples.filter((s) => s.set === set);
  const answered = (s: Sample) => answerability(s.x, model) >= model.threshold;
  const answerable = xs.filter((s) => !s.unanswerable);
  const unanswerable = xs.filter((s) => s.unanswerable);
  return {
    answers: answerable.filter((s) => s.good && answered(s)).length,
    answerable: answerable.length,
    refused: unanswerable.filter((s) => !answered(s)).length,
    unanswerable: unanswerable.length,
  };
}

/** The threshold with the best weighted accuracy, summed over the sets. */
function chooseThreshold(samples: Sample[], model: AnswerabilityModel): number {
  const sets = [...new Set(samples.map((s) => s.set))];
  let best = { t: 0.5, score: -1 };
  for (let t = 0.05; t <= 0.95; t += 0.01) {
    const m = { ...model, threshold: t };
    let score = 0;
    for (const set of sets) {
      const f = figures(samples, m, set);
      score +=
        (f.answers + REFUSAL_WEIGHT * f.refused) /
        Math.max(1, f.answerable + REFUSAL_WEIGHT * f.unanswerable);
    }
    if (score > best.score + 1e-9) best = { t, score };
  }
  return Math.round(best.t * 100) / 100;
}

// --samples FILE: reuse the features collected by an earlier run (written there when absent), so
// that trying other regularisation or feature sets does not answer every question again.
const at = process.argv.indexOf('--samples');
const cache = at > 0 ? process.argv[at + 1] : undefined;
const samples: Sample[] =
  cache && existsSync(cache) ? (JSON.parse(readFileSync(cache, 'utf8')) as Sample[]) : await collect();
if (cache && !existsSync(cache)) writeFileSync(cache, JSON.stringify(samples));
const only = process.argv.indexOf('--features');
if (only > 0) {
  const keep = new Set(process.argv[only + 1]!.split(','));
  for (const s of samples) for (const f of FEATURES) if (!keep.has(f)) s.x[f] = 0;
}
const fitted = fit(samples);
fitted.threshold = chooseThreshold(samples, fitted);
const round = (x: number) => Math.round(x * 100) / 100;
process.stdout.write(
  `${JSON.stringify({
    bias: round(fitted.bias),
    weights: Object.fromEntries(FEATURES.map((f) => [f, round(fitted.weights[f])])),
    threshold: fitted.threshold,
  })}\n`,
);
for (const [label, model] of [
  ['current', ANSWERABILITY],
  ['fitted', fitted],
] as const)
  for (const set of new Set(samples.map((s) => s.set))) {
    const f = figures(samples, model, set);
    process.stdout.write(
      `${label.padEnd(8)} ${set.padEnd(9)} answers ${f.answers}/${f.answerable}  refused ${f.refused}/${f.unanswerable}\n`,
    );
  }
if (process.argv.includes('-v'))
  for (const s of samples)
    process.stdout.write(
      `${s.set} ${s.id} good=${s.good} unans=${s.unanswerable} p=${answerability(s.x, fitted).toFixed(2)} ${FEATURES.map((f) => `${f}=${s.x[f].toFixed(2)}`).join(' ')}\n`,
    );
