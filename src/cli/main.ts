/**
 * `kumppani` command line. Each command lives in `commands/<name>.ts` and exports `register`.
 */
import { Command } from 'commander';

type Register = (program: Command) => void;

// One line per command module (command name -> module); keep the list sorted.
export const modules: Record<string, () => Promise<{ register: Register }>> = {
  ask: () => import('./commands/ask.ts'),
  backup: () => import('./commands/backup.ts'),
  bench: () => import('./commands/bench.ts'),
  chat: () => import('./commands/chat.ts'),
  eval: () => import('./commands/eval.ts'),
  ingest: () => import('./commands/ingest.ts'),
  municipalities: () => import('./commands/municipalities.ts'),
  report: () => import('./commands/report.ts'),
  restore: () => import('./commands/restore.ts'),
  serve: () => import('./commands/serve.ts'),
  'teams-manifest': () => import('./commands/teams-manifest.ts'),
};

/**
 * What `kumppani --help` lists, without loading the command modules: loading all of them pulled in
 * every SDK and the database driver and took seconds. A command missing here is loaded for the
 * help instead; tests/cli-help.test.ts checks that this table says what the modules register.
 */
export const summaries: Record<string, { usage: string; description: string }> = {
  ask: {
    usage: '[options] <question>',
    description: 'Answer one question from the indexed documents',
  },
  backup: {
    usage: '<file>',
    description:
      'Write the embedded database to FILE (a .tar.gz); for DATABASE_URL, print the pg_dump recipe',
  },
  bench: {
    usage: '[options]',
    description:
      'Benchmark ingestion, retrieval (hybrid vs HNSW, exact scan, full text) and answers over HTTP at growing scale',
  },
  chat: {
    usage: '[options]',
    description: 'Talk to Kumppani in the terminal (piped input: one question per line, one answer each)',
  },
  eval: {
    usage: '[options] [file]',
    description: 'Measure retrieval and answer quality over every eval set, or over one JSONL question file',
  },
  ingest: {
    usage: '[options] [paths...]',
    description:
      'Index documents (.md, .txt, .html, .pdf, .docx) from files and folders; unchanged files are skipped',
  },
  municipalities: {
    usage: '[options]',
    description: 'List the municipalities the index has documents for, with document counts',
  },
  report: {
    usage: '[options]',
    description: 'Questions per topic, unanswered questions grouped (gaps in the documents) and feedback',
  },
  restore: {
    usage: '[options] <file>',
    description:
      'Replace the embedded database with a backup from `kumppani backup` (the server must be stopped)',
  },
  serve: {
    usage: '[options]',
    description: 'Run the server: web chat, Teams, Slack and Telegram, /healthz and /metrics (npm start)',
  },
  'teams-manifest': {
    usage: '[options]',
    description: 'Write the Teams app package (manifest v1.30, icons, zip) to upload to Microsoft Teams',
  },
};

export function createProgram(): Command {
  return new Command('kumppani')
    .description(
      'Kumppani: answers about municipal grants, premises and cooperation, from the municipalities’ own documents',
    )
    .showHelpAfterError();
}

/**
 * Registers what `argv` needs: the one command being run (or asked about with `help NAME`), else
 * stand-ins that only describe each command.
 */
export async function registerCommands(program: Command, argv: string[]): Promise<'command' | 'overview'> {
  const name = argv[0] === 'help' ? argv[1] : argv[0];
  const only = name ? modules[name] : undefined;
  if (only) {
    (await only()).register(program);
    return 'command';
  }
  const standIns = new Map<Command, string>();
  for (const [command, load] of Object.entries(modules)) {
    const summary = summaries[command];
    if (summary) standIns.set(program.command(command).description(summary.description), summary.usage);
    else (await load()).register(program);
  }
  const help = program.createHelp();
  program.configureHelp({
    subcommandTerm: (cmd) =>
      standIns.has(cmd) ? `${cmd.name()} ${standIns.get(cmd)}` : help.subcommandTerm(cmd),
  });
  return 'overview';
}

export async function main(argv: string[]): Promise<void> {
  const program = createProgram();
  try {
    // Only a command reads `.env` (help works while the file is being fixed), and help does not
    // wait for the configuration module's validator library either.
    if ((await registerCommands(program, argv)) === 'command') (await import('../config.ts')).loadEnvFile();
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof Error && err.name === 'ConfigError') {
      process.stderr.write(`${err.message}\n`);
      process.exitCode = 78;
      return;
    }
    process.stderr.write(`kumppani: ${(err as Error).message}\n`);
    process.exitCode = 1;
  }
}
