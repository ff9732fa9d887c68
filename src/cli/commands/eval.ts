/**
 * `kumppani eval [FILE] [--baseline] [--gate] [--json] [-v]`: retrieval and answer quality.
 *
 * Without FILE, every eval set (src/answer/eval-sets.ts), each in its own in-memory database, one
 * row per set; a set whose files are not here is reported as skipped. With FILE, that question set
 * over the configured index (filled from the knowledge directory when empty), as before.
 * `--baseline` adds plain BM25 over the same chunks beside each row; `--gate` checks the sets
 * against tests/eval/floors.json and exits 1 when a figure is below its floor.
 */
import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../config.ts';
import { createServices } from '../../app.ts';
import { silentLogger } from '../../kernel/log.ts';
import { ingestKnowledgeIfEmpty } from '../../ingest/bootstrap.ts';
import { readQuestions, type QuestionResult } from '../../eval/evaluate.ts';
import {
  EVAL_SETS,
  localSet,
  measure,
  runSet,
  type EvalSet,
  type RowFigures,
  type SetOutcome,
} from '../../eval/eval-sets.ts';
import { checkFloors, FLOORS_FILE, needsBaseline, readFloors } from '../../eval/eval-gate.ts';
import { answerJson } from '../output.ts';

interface Options {
  json?: boolean;
  verbose?: boolean;
  baseline?: boolean;
  gate?: boolean;
  set?: string[];
}

export function register(program: Command): void {
  program
    .command('eval')
    .description('Measure retrieval and answer quality over every eval set, or over one JSONL question file')
    .argument(
      '[file]',
      'questions, one JSON object per line (default: every eval set, each in a fresh in-memory index)',
    )
    .option('--baseline', 'add a row of plain BM25 over the same chunks beside each set')
    .option(
      '--gate',
      'check every set against tests/eval/floors.json; exit 1 when a figure is below its floor',
    )
    .option(
      '--set <NAME=DIR>',
      'also measure a set of your own: DIR/questions.jsonl over DIR/corpus with the demo pack (repeatable; NAME held… = held out)',
      (v: string, all: string[] = []) => [...all, v],
    )
    .option('--json', 'with FILE one JSON object per question, else one per set')
    .option('-v, --verbose', 'print each miss with what was answered')
    .action(async (file: string | undefined, opts: Options) => {
      if (file === undefined) return evalSets(opts);
      if (opts.gate)
        throw new Error('--gate checks the eval sets against tests/eval/floors.json: run it without a file');
      return evalFile(file, opts);
    });
}

async function evalFile(file: string, opts: Options): Promise<void> {
  const questions = readQuestions(file);
  const services = await createServices(loadConfig(), { logger: silentLogger });
  try {
    await ingestKnowledgeIfEmpty(services);
    const report = await measure(basename(file), services, questions, {
      baseline: opts.baseline,
      onResult: (r) => {
        if (opts.json)
          process.stdout.write(
            `${JSON.stringify(answerJson({ id: r.q.id ?? randomUUID(), question: r.q.question, ...r.answer, latencyMs: r.latencyMs }))}\n`,
          );
      },
    });
    if (opts.json) return;
    if (opts.verbose) printMisses(report.results);
    process.stdout.write(table([report]));
  } finally {
    await services.close();
  }
}

async function evalSets(opts: Options): Promise<void> {
  const floors = opts.gate ? readFloors(FLOORS_FILE, EVAL_SETS) : {};
  const outcomes: SetOutcome[] = [];
  const sets: EvalSet[] = [...EVAL_SETS, ...(opts.set ?? []).map(localSet)];
  for (const set of sets) {
    if (!opts.json) process.stderr.write(`eval: ${set.name} …\n`);
    const outcome = await runSet(set, { baseline: opts.baseline || needsBaseline(floors[set.name]) });
    outcomes.push(outcome);
    if (opts.json) process.stdout.write(`${JSON.stringify(setJson(outcome))}\n`);
    else if (opts.verbose && 'results' in outcome) {
      process.stdout.write(`\n## ${outcome.name}: misses\n`);
      printMisses(outcome.results);
    }
  }
  if (!opts.json) process.stdout.write(table(outcomes));
  if (!opts.gate) return;
  const ci = process.env.CI === 'true';
  const failures = sets.flatMap((set, i) => checkFloors(outcomes[i]!, floors[set.name], { set, ci }));
  if (failures.length) {
    process.stderr.write(
      `gate: ${failures.length} below the floor (${FLOORS_FILE}):\n  ${failures.join('\n  ')}\n`,
    );
    process.exitCode = 1;
  } else process.stderr.write('gate: every figure is at or above its floor\n');
}

function setJson(outcome: SetOutcome): object {
  if ('skipped' in outcome) return { set: outcome.name, skipped: outcome.skipped };
  return {
    set: outcome.name,
    questions: outcome.questions,
    engine: outcome.engine,
    baseline: outcome.baseline,
  };
}

function printMisses(results: QuestionResult[]): void {
  for (const r of results) {
    const miss =
      (r.q.expect_sources && !r.q.expect_unanswered && r.rank !== 1) ||
      r.correct === false ||
      r.refused === false;
    if (!miss) continue;
    process.stdout.write(
      `✗ ${r.q.id} [${r.q.municipality ?? '-'}] ${r.q.question}\n  rank=${r.rank} answered=${r.answer.answered} top=${r.answer.hits[0]?.source ?? '-'} cov=${r.answer.hits[0]?.coverage.toFixed(2) ?? '-'}\n  → ${r.answer.text.replace(/\n/g, ' ').slice(0, 300)}\n`,
    );
  }
}

const HEADER = [
  'set',
  'questions',
  'hit@1',
  'hit@3',
  'MRR',
  'answers',
  'refusals',
  'cross-lingual',
  'p50 / p95 ms',
];
const DASH = '—';

function cells(name: string, questions: number, f: RowFigures): string[] {
  const x = f.crossLingual;
  return [
    name,
    String(questions),
    f.retrieval.hitAt1.toFixed(3),
    f.retrieval.hitAt3.toFixed(3),
    f.retrieval.mrr.toFixed(3),
    f.answers ? `${f.answers.accuracy.toFixed(3)} of ${f.answers.n}` : DASH,
    f.refusals ? `${f.refusals.accuracy.toFixed(3)} of ${f.refusals.n}` : DASH,
    // Answered correctly; the baseline does not answer, so its row says how many it found first.
    f.answers ? `${x.correct} of ${x.n}` : `(found ${x.found} of ${x.n})`,
    f.latency ? `${f.latency.p50.toFixed(1)} / ${f.latency.p95.toFixed(1)}` : DASH,
  ];
}

/** One aligned markdown table, a row per set (and its BM25 row), then why sets were skipped. */
function table(outcomes: SetOutcome[]): string {
  const rows: string[][] = [];
  const skipped: string[] = [];
  for (const o of outcomes) {
    if ('skipped' in o) {
      rows.push([o.name, ...HEADER.slice(1).map(() => DASH)]);
      skipped.push(`${o.name}: skipped, ${o.skipped}`);
      continue;
    }
    rows.push(cells(o.name, o.questions, o.engine));
    if (o.baseline) rows.push(cells(`${o.name} BM25`, o.questions, o.baseline));
  }
  const numeric = (col: number) => col > 0;
  const widths = HEADER.map((h, col) => Math.max(h.length, ...rows.map((r) => r[col]!.length)));
  const line = (r: string[]) =>
    `| ${r.map((c, col) => (numeric(col) ? c.padStart(widths[col]!) : c.padEnd(widths[col]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, col) => (numeric(col) ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(HEADER), rule, ...rows.map(line), ...(skipped.length ? ['', ...skipped] : []), ''].join('\n');
}
