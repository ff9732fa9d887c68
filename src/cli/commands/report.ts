/**
 * `kumppani report [--from DATE] [--to DATE] [--municipality NAME] [--json]`: what was asked,
 * what went unanswered (grouped: the gaps in the documents) and the feedback, for staff.
 */
import { Option, type Command } from 'commander';
import { loadConfig } from '../../config.ts';
import { openDatabase } from '../../store/db.ts';
import { createDialogueStores } from '../../store/dialogue-stores.ts';
import { buildReport, renderReport } from '../../dialogue/report.ts';
import { parseLanguageName } from '../../dialogue/commands.ts';

/** A YYYY-MM-DD day as a UTC date; a clear error otherwise. */
export function parseDay(value: string, flag: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!d || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) {
    throw new Error(`${flag} must be a date like 2026-03-31 (got "${value}")`);
  }
  return d;
}

export function register(program: Command): void {
  program
    .command('report')
    .description('Questions per topic, unanswered questions grouped (gaps in the documents) and feedback')
    .option('--from <date>', 'first day, YYYY-MM-DD')
    .option('--to <date>', 'last day, YYYY-MM-DD (included)')
    .option('-m, --municipality <name>', 'only questions about this municipality')
    .addOption(new Option('-l, --language <language>', 'language of the report').default('fi'))
    .option('--json', 'print the report as JSON')
    .action(
      async (opts: {
        from?: string;
        to?: string;
        municipality?: string;
        language: string;
        json?: boolean;
      }) => {
        const language = parseLanguageName(opts.language);
        if (!language) throw new Error(`--language must be fi, sv or en (got "${opts.language}")`);
        const from = opts.from ? parseDay(opts.from, '--from') : undefined;
        const to = opts.to ? parseDay(opts.to, '--to') : undefined;
        const config = loadConfig();
        const db = await openDatabase({ url: config.database.url, dataDir: config.database.dataDir });
        try {
          const report = await buildReport(createDialogueStores(db.pool), { from, to, municipality: opts.municipality });
          process.stdout.write(
            opts.json
              ? `${JSON.stringify(report, null, 2)}\n`
              : `${renderReport(report, language, config.retentionDays)}\n`,
          );
        } finally {
          await db.close();
        }
      },
    );
}
