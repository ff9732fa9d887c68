import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import { loadConfig } from '../../config.ts';
import { createServices } from '../../app.ts';
import { silentLogger } from '../../log.ts';
import { ingestKnowledgeIfEmpty } from '../../ingest/bootstrap.ts';
import { evaluate, readQuestions } from '../../answer/evaluate.ts';
import { answerJson } from '../output.ts';

export function register(program: Command): void {
  program
    .command('eval')
    .description('Measure retrieval and answer quality over a JSONL question set')
    .argument('<file>', 'questions, one JSON object per line')
    .option('--json', 'print one JSON object per question')
    .option('-v, --verbose', 'print each miss with what was answered')
    .action(async (file: string, opts: { json?: boolean; verbose?: boolean }) => {
      const questions = readQuestions(file);
      const services = await createServices(loadConfig(), { logger: silentLogger });
      try {
        await ingestKnowledgeIfEmpty(services);
        const { metrics, results } = await evaluate(services.answerer, questions, (r) => {
          if (opts.json) {
            process.stdout.write(
              `${JSON.stringify(answerJson({ id: r.q.id ?? randomUUID(), question: r.q.question, ...r.answer, latencyMs: r.latencyMs }))}\n`,
            );
          }
        });
        if (opts.json) return;
        if (opts.verbose) {
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
        const m = metrics;
        process.stdout.write(
          [
            `questions        ${m.questions}`,
            `hit@1            ${m.retrieval.hitAt1.toFixed(3)}  (${m.retrieval.n} with expected sources)`,
            `hit@3            ${m.retrieval.hitAt3.toFixed(3)}`,
            `MRR              ${m.retrieval.mrr.toFixed(3)}`,
            `answer accuracy  ${m.answers.accuracy.toFixed(3)}  (${m.answers.n} answerable)`,
            `refusal accuracy ${m.refusals.accuracy.toFixed(3)}  (${m.refusals.n} unanswerable)`,
            `latency p50/p95  ${m.latency.p50.toFixed(1)} / ${m.latency.p95.toFixed(1)} ms`,
            '',
          ].join('\n'),
        );
      } finally {
        await services.close();
      }
    });
}
