/**
 * Retrieval and answer quality over a JSONL question set (tests/eval/questions.jsonl).
 */
import fs from 'node:fs';
import { posix } from 'node:path';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { detectLanguage } from '../kernel/language.ts';
import type { Language } from '../kernel/types.ts';
import type { Answer, Answerer } from '../answer/types.ts';

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

/**
 * Whether a stored source is the expected one: the same path, one a suffix of the other at a
 * folder boundary, or (as sets kept outside the repository name their documents) the bare file
 * name without extension: "kunta-jarjestoyhteistyo-strategiseksi" is
 * "../shared/eval/real-dev/corpus/kunta-jarjestoyhteistyo-strategiseksi.txt".
 */
export function sameSource(actual: string, expected: string): boolean {
  const a = actual.replace(/^\.\//, '');
  const e = expected.replace(/^\.\//, '');
  if (a === e || a.endsWith(`/${e}`) || e.endsWith(`/${a}`)) return true;
  return !e.includes('/') && posix.basename(a, posix.extname(a)) === e;
}

/** 1-based rank of the first expected source among documents in retrieval order, 0 if absent. */
export function rankOf(docs: readonly string[], q: EvalQuestion): number {
  return q.expect_sources ? docs.findIndex((d) => q.expect_sources!.some((e) => sameSource(d, e))) + 1 : 0;
}

/** The questions whose retrieval is measured: answerable ones that name their sources. */
export const measuresRetrieval = (q: EvalQuestion): boolean =>
  !!q.expect_sources?.length && !q.expect_unanswered;

const round = (x: number) => Math.round(x * 1000) / 1000;

export interface RetrievalMetrics {
  n: number;
  hitAt1: number;
  hitAt3: number;
  mrr: number;
}

/** hit@1, hit@3 and MRR over the ranks of the questions that measure retrieval. */
export function retrievalMetrics(ranked: ReadonlyArray<{ q: EvalQuestion; rank: number }>): RetrievalMetrics {
  const rs = ranked.filter((r) => measuresRetrieval(r.q));
  const share = (f: (rank: number) => boolean) =>
    rs.length ? rs.filter((r) => f(r.rank)).length / rs.length : 0;
  return {
    n: rs.length,
    hitAt1: round(share((k) => k === 1)),
    hitAt3: round(share((k) => k >= 1 && k <= 3)),
    mrr: round(rs.length ? rs.reduce((s, r) => s + (r.rank ? 1 / r.rank : 0), 0) / rs.length : 0),
  };
}

/** The question's language: as the set gives it, else as Kumppani detects it. */
export const questionLanguage = (q: EvalQuestion): Language => q.lang ?? detectLanguage(q.question);

export interface CrossLingual {
  /** Answerable questions none of whose expected documents is in the question's language. */
  n: number;
  /** Of those, answered correctly. */
  correct: number;
  /** Of those, an expected document ranked first. */
  found: number;
}

/**
 * The questions that must cross a language to be answered: a Swedish or English question over a
 * Finnish document, or the reverse. A question with an expected document in its own language is
 * not one, nor is one whose expected documents are not in the index (`documents` says which are).
 */
export function crossLingual(
  results: ReadonlyArray<{ q: EvalQuestion; rank: number; correct?: boolean }>,
  documents: ReadonlyArray<{ source: string; language: string }>,
): CrossLingual {
  const across = results.filter(({ q }) => {
    if (!measuresRetrieval(q)) return false;
    const langs = documents
      .filter((d) => q.expect_sources!.some((e) => sameSource(d.source, e)))
      .map((d) => d.language);
    return langs.length > 0 && !langs.includes(questionLanguage(q));
  });
  return {
    n: across.length,
    correct: across.filter((r) => r.correct).length,
    found: across.filter((r) => r.rank === 1).length,
  };
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
  retrieval: RetrievalMetrics;
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
    const rank = rankOf(docs, q);
    const r: QuestionResult = { q, answer, latencyMs, rank };
    if (q.expect_unanswered) r.refused = !answer.answered;
    else if (q.expect_any?.length)
      r.correct = answer.answered && q.expect_any.some((e) => norm(answer.text).includes(norm(e)));
    results.push(r);
    onResult?.(r);
  }
  const answers = results.filter((r) => r.correct !== undefined);
  const refusals = results.filter((r) => r.refused !== undefined);
  const share = (xs: QuestionResult[], f: (r: QuestionResult) => boolean) =>
    xs.length ? xs.filter(f).length / xs.length : 0;
  const lat = results.map((r) => r.latencyMs).sort((a, b) => a - b);
  const pct = (p: number) => (lat.length ? lat[Math.min(lat.length - 1, Math.floor(p * lat.length))]! : 0);
  return {
    results,
    metrics: {
      questions: results.length,
      retrieval: retrievalMetrics(results),
      answers: { n: answers.length, accuracy: round(share(answers, (r) => !!r.correct)) },
      refusals: { n: refusals.length, accuracy: round(share(refusals, (r) => !!r.refused)) },
      latency: { p50: round(pct(0.5)), p95: round(pct(0.95)) },
    },
  };
}
