/**
 * Retrieval and answer quality over a JSONL question set (tests/eval/questions.jsonl).
 */
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import type { Answer, Answerer } from './types.ts';

export const evalQuestion = z.object({
  id: z.string(),
  question: z.string().min(1),
  municipality: z.string().optional(),
  audience: z.enum(['public', 'staff']).optional(),
  lang: z.enum(['fi', 'sv', 'en']).optional(),
  expect_sources: z.array(z.string()).optional(),
  expect_any: z.array(z.string()).optional(),
  expect_unanswered: z.boolean().optional(),
});
export type EvalQuestion = z.output<typeof evalQuestion>;

export function readQuestions(file: string): EvalQuestion[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((l, i) => [l.trim(), i + 1] as const)
    .filter(([l]) => l && !l.startsWith('//'))
    .map(([l, n]) => {
      const parsed = evalQuestion.safeParse(JSON.parse(l));
      if (!parsed.success)
        throw new Error(
          `${file}:${n}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
        );
      return parsed.data;
    });
}

const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ');

function sameSource(actual: string, expected: string): boolean {
  const a = actual.replace(/^\.\//, '');
  const e = expected.replace(/^\.\//, '');
  return a === e || a.endsWith(`/${e}`) || e.endsWith(`/${a}`);
}

export interface QuestionResult {
  q: EvalQuestion;
  answer: Answer;
  latencyMs: number;
  /** 1-based rank of the first expected source among retrieved documents, 0 if absent. */
  rank: number;
  correct?: boolean;
  refused?: boolean;
}

export interface EvalMetrics {
  questions: number;
  retrieval: { n: number; hitAt1: number; hitAt3: number; mrr: number };
  answers: { n: number; accuracy: number };
  refusals: { n: number; accuracy: number };
  latency: { p50: number; p95: number };
}

export async function evaluate(
  answerer: Answerer,
  questions: EvalQuestion[],
  onResult?: (r: QuestionResult) => void,
): Promise<{ metrics: EvalMetrics; results: QuestionResult[] }> {
  const results: QuestionResult[] = [];
  for (const q of questions) {
    const started = performance.now();
    const answer = await answerer.ask(q.question, {
      municipality: q.municipality,
      audience: q.audience ?? 'public',
    });
    const latencyMs = performance.now() - started;
    // Distinct documents in retrieval order.
    const docs: string[] = [];
    for (const h of answer.hits) if (!docs.includes(h.source)) docs.push(h.source);
    const rank = q.expect_sources
      ? docs.findIndex((d) => q.expect_sources!.some((e) => sameSource(d, e))) + 1
      : 0;
    const r: QuestionResult = { q, answer, latencyMs, rank };
    if (q.expect_unanswered) r.refused = !answer.answered;
    else if (q.expect_any?.length)
      r.correct = answer.answered && q.expect_any.some((e) => norm(answer.text).includes(norm(e)));
    results.push(r);
    onResult?.(r);
  }
  const retrieval = results.filter((r) => r.q.expect_sources?.length && !r.q.expect_unanswered);
  const answers = results.filter((r) => r.correct !== undefined);
  const refusals = results.filter((r) => r.refused !== undefined);
  const share = (xs: QuestionResult[], f: (r: QuestionResult) => boolean) =>
    xs.length ? xs.filter(f).length / xs.length : 0;
  const lat = results.map((r) => r.latencyMs).sort((a, b) => a - b);
  const pct = (p: number) => (lat.length ? lat[Math.min(lat.length - 1, Math.floor(p * lat.length))]! : 0);
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    results,
    metrics: {
      questions: results.length,
      retrieval: {
        n: retrieval.length,
        hitAt1: round(share(retrieval, (r) => r.rank === 1)),
        hitAt3: round(share(retrieval, (r) => r.rank >= 1 && r.rank <= 3)),
        mrr: round(
          retrieval.length
            ? retrieval.reduce((s, r) => s + (r.rank ? 1 / r.rank : 0), 0) / retrieval.length
            : 0,
        ),
      },
      answers: { n: answers.length, accuracy: round(share(answers, (r) => !!r.correct)) },
      refusals: { n: refusals.length, accuracy: round(share(refusals, (r) => !!r.refused)) },
      latency: { p50: round(pct(0.5)), p95: round(pct(0.95)) },
    },
  };
}
