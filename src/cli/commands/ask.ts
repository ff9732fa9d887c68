import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Option, type Command } from 'commander';
import { loadConfig } from '../../config.ts';
import type { Answer } from '../../answer/types.ts';
import type { renderPlain as RenderPlainFn } from '../../answer/citations.ts';
import { answerJson } from '../output.ts';

type RenderPlain = typeof RenderPlainFn;

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
        const config = loadConfig();
        const print = (a: Answer, latencyMs: number, renderPlain: RenderPlain): void => {
          if (opts.json) {
            process.stdout.write(
              `${JSON.stringify(answerJson({ id: randomUUID(), question, ...a, latencyMs }))}\n`,
            );
          } else {
            process.stdout.write(`${renderPlain(a.text, a.citations, a.language)}\n`);
          }
        };
        // A running server holds the embedded database: it answers, and without opening the
        // database here the answer also comes in well under a second.
        const [{ embeddedDataDir }, { localServer }] = await Promise.all([
          import('../../store/db.ts'),
          import('../../store/lock.ts'),
        ]);
        const dataDir = embeddedDataDir(config.database);
        const server = dataDir ? localServer(dataDir) : undefined;
        if (dataDir && server) {
          const [{ readAdminToken, requestAsk }, { renderPlain }] = await Promise.all([
            import('../../server/admin.ts'),
            import('../../answer/citations.ts'),
          ]);
          const started = performance.now();
          const a = await requestAsk(server.server.adminUrl, readAdminToken(dataDir), {
            question,
            audience: opts.audience,
            ...(opts.municipality ? { municipality: opts.municipality } : {}),
          });
          print(a, performance.now() - started, renderPlain);
          return;
        }
        // Loaded here, not at the top: `kumppani ask --help` should not wait for the database,
        // the analyser and the dialogue to load.
        const [{ createServices }, { silentLogger }, { renderPlain }] = await Promise.all([
          import('../../app.ts'),
          import('../../kernel/log.ts'),
          import('../../answer/citations.ts'),
        ]);
        const services = await createServices(config, { logger: silentLogger });
        try {
          const started = performance.now();
          const a = await services.answerer.ask(question, {
            municipality: opts.municipality,
            audience: opts.audience,
          });
          const latencyMs = performance.now() - started;
          print(a, latencyMs, renderPlain);
        } finally {
          await services.close();
        }
      },
    );
}
