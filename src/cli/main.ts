/**
 * `kumppani` command line. Each command lives in `commands/<name>.ts` and exports `register`.
 */
import { Command } from 'commander';
import { ConfigError } from '../config.ts';

type Register = (program: Command) => void;

// One line per command module; keep the list sorted.
const modules: Array<() => Promise<{ register: Register }>> = [
  () => import('./commands/ask.ts'),
  () => import('./commands/chat.ts'),
  () => import('./commands/eval.ts'),
  () => import('./commands/ingest.ts'),
  () => import('./commands/municipalities.ts'),
  () => import('./commands/report.ts'),
  () => import('./commands/serve.ts'),
  () => import('./commands/teams-manifest.ts'),
];

export async function main(argv: string[]): Promise<void> {
  const program = new Command('kumppani')
    .description('Kumppani: answers about municipal grants, premises and cooperation, from the municipalities’ own documents')
    .showHelpAfterError();
  for (const load of modules) (await load()).register(program);
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
