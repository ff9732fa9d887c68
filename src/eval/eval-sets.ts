/**
 * The evaluation sets `npm run eval` and the gate (tests/eval/gate.test.ts) measure, and the run
 * of one set: its documents ingested into a fresh in-memory database (never the user's data dir
 * or server), its questions asked, and optionally the plain BM25 baseline over the same chunks.
 *
 * Sets other than the demo pack are real documents kept outside the repository (`../shared`
 * beside the clone, as in CI) and read in place: they must never be copied into it.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createServices, type Services } from '../app.ts';
import type { Answerer } from '../answer/types.ts';
import { loadConfig } from '../config.ts';
import { silentLogger } from '../kernel/log.ts';
import { projectRoot } from '../kernel/paths.ts';
import { indexedText } from '../retrieval/indexed-text.ts';
import { ingestPaths } from '../ingest/pipeline.ts';
import { Bm25Index, rankDocuments } from '../retrieval/bm25-baseline.ts';
import { activeChunks, listDocuments, type StoredChunk } from '../store/documents.ts';
import {
  crossLingual,
  evaluate,
  questionLanguage,
  rankOf,
  readQuestions,
  retrievalMetrics,
  type CrossLingual,
  type EvalMetrics,
  type EvalQuestion,
  type QuestionResult,
  type RetrievalMetrics,
} from './evaluate.ts';

/** The repository root: set paths are relative to it, and so are the stored sources. */
export const REPO_ROOT = projectRoot();

export interface EvalSet {
  name: string;
  /** The questions (JSONL, tests/eval/README.md), relative to the repository root. */
  questions: string;
  /** Files and folders indexed together before the questions are asked, relative to the root. */
  corpus: string[];
  /** In CI (CI=true) a missing set fails the gate instead of being skipped. */
  requiredInCi?: boolean;
}

const REAL_DEV = '../shared/eval/real-dev';
/** Real articles with the demo pack beside them: a real index holds many documents that nearly answer. */
const REAL_CORPUS = [`${REAL_DEV}/corpus`, 'knowledge'];

export const EVAL_SETS: readonly EvalSet[] = [
  { name: 'demo', questions: 'tests/eval/questions.jsonl', corpus: ['knowledge'] },
  { name: 'real-dev', questions: `${REAL_DEV}/questions.jsonl`, corpus: REAL_CORPUS, requiredInCi: true },
  // Questions over the real-dev articles written before tuning. The first set's misses were read in
  // the seventh session and held-out-2's in the eighth, so from then on each is partly seen;
  // held-out-3 was written at the eighth session's start, before any change, and nobody tunes on it.
  { name: 'held-out', questions: 'tests/eval/heldout-real.jsonl', corpus: REAL_CORPUS },
  { name: 'held-out-2', questions: 'tests/eval/heldout2-real.jsonl', corpus: REAL_CORPUS },
  { name: 'held-out-3', questions: 'tests/eval/heldout3-real.jsonl', corpus: REAL_CORPUS },
  // Grant and premises pages in the style of municipal web sites, written by the team (fictional
  // text under real municipality names), with the demo pack beside them. The seventh session
  // fixed what they showed, so they are a dev set: they keep those fixes from being undone.
  {
    name: 'pages',
    questions: 'tests/eval/pages/questions.jsonl',
    corpus: ['tests/eval/pages/corpus', 'knowledge'],
  },
];

/**
 * A set of one's own outside the repository ("NAME=DIR": DIR/questions.jsonl over DIR/corpus with
 * the demo pack beside it), e.g. a municipality's own pages, which are third-party text that stays
 * out of the repository. A NAME starting with "held" is held out: reported, never fitted on.
 */
export function localSet(spec: string): EvalSet {
  const at = spec.indexOf('=');
  if (at <= 0 || at === spec.length - 1)
    throw new Error(`--set ${spec}: write NAME=DIR, DIR holding questions.jsonl and corpus/`);
  const [name, dir] = [spec.slice(0, at), resolve(spec.slice(at + 1))];
  return { name, questions: `${dir}/questions.jsonl`, corpus: [`${dir}/corpus`, 'knowledge'] };
}

/** Whether a set is only reported (held out), never tuned or fitted on. */
export const isHeldOut = (set: EvalSet): boolean => set.name.startsWith('held');

/** Why the set cannot run here (a file or folder missing), or undefined when it can. */
export function missingPart(set: EvalSet): string | undefined {
  const gone = [set.questions, ...set.corpus].find((p) => !existsSync(resolve(REPO_ROOT, p)));
  if (gone === undefined) return undefined;
  return gone.startsWith('../shared/')
    ? `${gone} not found: the real-text sets are read from a copy of shared/ beside the clone`
    : `${gone} not found`;
}

/** The figures of one row: the engine's, or the baseline's (which neither answers nor refuses). */
export interface RowFigures {
  retrieval: RetrievalMetrics;
  answers?: EvalMetrics['answers'];
  refusals?: EvalMetrics['refusals'];
  crossLingual: CrossLingual;
  latency?: EvalMetrics['latency'];
}

export interface SetReport {
  name: string;
  questions: number;
  engine: RowFigures;
  /** Plain BM25 over the same chunks, when asked for. */
  baseline?: RowFigures;
  results: QuestionResult[];
}

export type SetOutcome = SetReport | { name: string; skipped: string };

export interface RunOptions {
  baseline?: boolean;
  onResult?: (r: QuestionResult) => void;
  /** Another answerer over the set's index (the answerability fit uses one that always answers). */
  answerer?: (services: Services) => Answerer;
}

/**
 * Ingests the set's corpus into a new in-memory database, asks every question, and measures. The
 * environment's other settings (embedder, answer mode) stay as configured; the database is always
 * a throw-away one.
 */
export async function runSet(set: EvalSet, opts: RunOptions = {}): Promise<SetOutcome> {
  const missing = missingPart(set);
  if (missing) return { name: set.name, skipped: missing };
  const questions = readQuestions(resolve(REPO_ROOT, set.questions));
  const config = loadConfig({
    ...process.env,
    KUMPPANI_DATA_DIR: 'memory',
    DATABASE_URL: '',
    KUMPPANI_AUTO_INGEST: 'false',
  });
  const services = await createServices(config, { logger: silentLogger });
  try {
    const ingested = await ingestPaths(
      set.corpus.map((p) => resolve(REPO_ROOT, p)),
      services.writer,
      { cwd: REPO_ROOT },
    );
    // A document that did not make it into the index would only lower the figures, silently.
    if (ingested.failed.length)
      throw new Error(
        `eval set ${set.name}: ${ingested.failed.map((f) => `${f.file}: ${f.reason}`).join('; ')}. ` +
          'Fix or remove those files; the set is measured over all of its documents.',
      );
    const answerer = opts.answerer?.(services) ?? services.answerer;
    return await measure(set.name, { db: services.db, answerer }, questions, opts);
  } finally {
    await services.close();
  }
}

/** Asks the questions of a set over an index that is already filled, and measures. */
export async function measure(
  name: string,
  services: Pick<Services, 'db' | 'answerer'>,
  questions: EvalQuestion[],
  opts: RunOptions = {},
): Promise<SetReport> {
  const documents = await listDocuments(services.db.pool);
  const { metrics, results } = await evaluate(services.answerer, questions, opts.onResult);
  const report: SetReport = {
    name,
    questions: metrics.questions,
    engine: {
      retrieval: metrics.retrieval,
      answers: metrics.answers,
      refusals: metrics.refusals,
      crossLingual: crossLingual(results, documents),
      latency: metrics.latency,
    },
    results,
  };
  if (opts.baseline) {
    const ranked = bm25Ranks(await activeChunks(services.db.pool), questions);
    report.baseline = { retrieval: retrievalMetrics(ranked), crossLingual: crossLingual(ranked, documents) };
  }
  return report;
}

/**
 * Each question's rank under plain BM25. Each chunk is the text the engine indexes of it
 * (municipality, title, section path, body): the same words, only analysed plainly. The asker sees
 * what the engine lets them see: active chunks, staff ones only for staff, a chosen
 * municipality's own and region-wide ones.
 */
export function bm25Ranks(
  chunks: readonly StoredChunk[],
  questions: readonly EvalQuestion[],
): Array<{ q: EvalQuestion; rank: number }> {
  const index = new Bm25Index(chunks.map((c) => ({ id: c.id, language: c.language, text: indexedText(c) })));
  const byId = new Map(chunks.map((c) => [c.id, c]));
  return questions.map((q) => {
    const audience = q.audience ?? 'public';
    const municipality = q.municipality?.toLowerCase();
    const visible = (id: number) => {
      const c = byId.get(id)!;
      return (
        (audience === 'staff' || c.audience === 'public') &&
        (!municipality || c.municipality === null || c.municipality.toLowerCase() === municipality)
      );
    };
    const docs = rankDocuments(
      index.search(q.question, questionLanguage(q), visible),
      (id) => byId.get(id)!.source,
    );
    return { q, rank: rankOf(docs, q) };
  });
}
