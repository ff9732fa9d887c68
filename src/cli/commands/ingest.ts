/**
 * `kumppani ingest PATH… [--prune] [--json]`: indexes documents from files and folders. Failures
 * are printed one per line on stderr as they happen; the summary comes last (text or JSON); the
 * exit code is 1 when any file failed.
 *
 * When `kumppani serve` holds the embedded database, the run is handed to it (its admin endpoint)
 * and prints the same lines: the server is the only process that may write that database.
 */
import path from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { createServices } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createLogger } from '../../kernel/log.ts';
import {
  ingestPaths,
  type IngestFailure,
  type IngestOptions,
  type IngestSummary,
} from '../../ingest/pipeline.ts';
import { readAdminToken, requestIngest } from '../../server/admin.ts';
import { embeddedDataDir } from '../../store/db.ts';
import { localServer } from '../../store/lock.ts';

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** The summary as the operator reads it. */
export function formatSummary(s: IngestSummary): string {
  const lines = [
    `${plural(s.files, 'document', 'documents')}: ${s.added} added, ${s.updated} updated, ${s.unchanged} unchanged; ` +
      `${plural(s.failed.length, 'file', 'files')} failed; ${plural(s.chunks, 'chunk', 'chunks')} written.`,
  ];
  if (s.removed.length)
    lines.push(
      `Removed ${plural(s.removed.length, 'document', 'documents')} whose file is gone: ${s.removed.join(', ')}`,
    );
  if (s.skipped.length) {
    lines.push(
      `Skipped ${plural(s.skipped.length, 'file', 'files')} of an unsupported type: ${s.skipped.join(', ')}`,
    );
  }
  if (s.failed.length)
    lines.push(
      `Fix the failed ${s.failed.length === 1 ? 'file' : 'files'} listed above and run ingest again.`,
    );
  return lines.join('\n');
}

export const failureLine = (f: IngestFailure): string => `failed: ${f.file}: ${f.reason}`;

export function register(program: Command): void {
  program
    .command('ingest')
    .description(
      'Index documents (.md, .txt, .html, .pdf, .docx) from files and folders; unchanged files are skipped',
    )
    .argument('[paths...]', 'files or folders to index (default: KUMPPANI_KNOWLEDGE_DIR)')
    .option(
      '--prune',
      'make the index hold exactly the documents under these paths (others, the demo pack included, are removed)',
    )
    .option('--json', 'print the summary as JSON')
    .action(async (paths: string[], opts: { prune?: boolean; json?: boolean }) => {
      const config = loadConfig();
      const targets = paths.length ? paths : [config.knowledgeDir];
      const progress = progressReporter();
      const finish = (summary: IngestSummary): void => {
        progress.stop();
        process.stdout.write(`${opts.json ? JSON.stringify(summary) : formatSummary(summary)}\n`);
        process.exitCode = summary.failed.length > 0 ? 1 : 0;
      };

      const dataDir = embeddedDataDir(config.database);
      const server = dataDir ? localServer(dataDir) : undefined;
      if (dataDir && server) {
        process.stderr.write(
          `The server (process ${server.pid}) holds the database: handing the documents to it.\n`,
        );
        try {
          const summary = await requestIngest(
            server.server.adminUrl,
            readAdminToken(dataDir),
            { paths: targets.map((p) => path.resolve(p)), cwd: process.cwd(), prune: opts.prune },
            (e) => {
              if (e.type === 'start') progress.hooks.onStart(e.total);
              else if (e.type === 'progress') progress.hooks.onProgress(e.done, e.total, e.file);
              else if (e.type === 'failure') progress.hooks.onFailure(e.failure);
            },
          );
          finish(summary);
        } finally {
          progress.stop();
        }
        return;
      }

      // Logs go to stderr and only when asked for: stdout carries the summary.
      const verbose = config.logLevel === 'debug' || config.logLevel === 'trace';
      const logger = createLogger(verbose ? config.logLevel : 'error', process.stderr);
      const services = await createServices(config, { logger });
      try {
        finish(
          await ingestPaths(targets, services.writer, {
            prune: opts.prune,
            logger,
            limits: config.ingest,
            ...progress.hooks,
          }),
        );
      } finally {
        progress.stop();
        await services.close();
      }
    });
}

/** A progress bar on a terminal (nothing otherwise), and failure lines as they happen. */
function progressReporter(): {
  hooks: Required<Pick<IngestOptions, 'onStart' | 'onProgress' | 'onFailure'>>;
  stop(): void;
} {
  const multi =
    process.stderr.isTTY === true
      ? new cliProgress.MultiBar(
          {
            stream: process.stderr,
            format: 'Indexing |{bar}| {value}/{total} {file}',
            hideCursor: true,
            clearOnComplete: true,
            barsize: 30,
          },
          cliProgress.Presets.shades_classic,
        )
      : undefined;
  let bar: cliProgress.SingleBar | undefined;
  return {
    hooks: {
      onStart: (total) => {
        if (multi && total > 0) bar = multi.create(total, 0, { file: '' });
      },
      onProgress: (done, _total, file) => bar?.update(done, { file }),
      onFailure: (f) => {
        if (multi) multi.log(`${failureLine(f)}\n`);
        else process.stderr.write(`${failureLine(f)}\n`);
      },
    },
    stop: () => multi?.stop(),
  };
}
