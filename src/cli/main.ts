/**
 * `kumppani` command line. Each command lives in `commands/<name>.ts` and exports `register`.
 */
import { Command } from 'commander';
import { ConfigError } from '../config.ts';

type Register = (program: Command) => void;

// One line per command module (command name -> module); keep the list sorted.
const modules: Record<string, () => Promise<{ register: Register }>> = {
  ask: () => import('./commands/ask.ts'),
  bench: () => import('./commands/bench.ts'),
  chat: () => import('./commands/chat.ts'),
  eval: () => import('./commands/eval.ts'),
  ingest: () => import('./commands/ingest.ts'),
  municipalities: () => import('./commands/municipalities.ts'),
  report: () => import('./commands/report.ts'),
  serve: () => import('./commands/serve.ts'),
  'teams-manifest': () => import('./commands/teams-manifest.ts'),
};

export async function main(argv: string[]): Promise<void> {
  const program = new Command('kumppani')
    .description(
      'Kumppani: answers about municipal grants, premises and cooperation, from the municipalities’ own documents',
    )
    .showHelpAfterError();
  // Load only the command being run: every module pulls in its own dependencies (SDKs, the
  // database), and a command should not wait for all of them. Help needs them all.
  const only = argv[0] ? modules[argv[0]] : undefined;
  for (const load of only ? [only] : Object.values(modules)) (await load()).register(program);
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exitCode = 78;
      return;
    }
    process.stderr.write(`kumppani: ${(err as Error).message}\n`);
    process.exitCode = 1;
  }
}
