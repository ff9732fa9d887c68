import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Option, type Command } from 'commander';
import { loadConfig } from '../../config.ts';
import { answerJson } from '../output.ts';

export function register(program: Command): void {
  program
    .command('ask')
    .description('Answer one question from the indexed documents')
    .argument('<question>', 'the question, in Finnish, Swedish or English')
    .option('-m, --municipality <name>', "search this municipality's documents (plus region-wide ones)")
    .addOption(
      new Option('-a, --audience <audience>', 'who is asking').choices(['public', 'staff']).default('public'),
    )
    .option('--json', 'print the answer as JSON')
    .action(
      async (
        question: string,
        opts: { municipality?: string; audience: 'public' | 'staff'; json?: boolean },
      ) => {
        // Loaded here, not at the top: `kumppani ask --help` should not wait for the database,
        // the analyser and the dialogue to load.
        const [{ createServices }, { silentLogger }, { renderPlain }] = await Promise.all([
          import('../../app.ts'),
          import('../../log.ts'),
          import('../../answer/citations.ts'),
        ]);
        const services = await createServices(loadConfig(), { logger: silentLogger });
        try {
          const started = performance.now();
          const a = await services.answerer.ask(question, {
            municipality: opts.municipality,
            audience: opts.audience,
          });
          const latencyMs = performance.now() - started;
          if (opts.json) {
            process.stdout.write(
              `${JSON.stringify(answerJson({ id: randomUUID(), question, ...a, latencyMs }))}\n`,
            );
          } else {
            process.stdout.write(`${renderPlain(a.text, a.citations, a.language)}\n`);
          }
        } finally {
          await services.close();
        }
      },
    );
}
