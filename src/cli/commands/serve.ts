/**
 * `kumppani serve` (= `npm start`): the HTTP server with every configured channel. On a fresh
 * machine it first fills the empty index from KUMPPANI_KNOWLEDGE_DIR, so that `npm install &&
 * npm start` ends with a bot that answers. While it runs it follows the knowledge directory, and
 * it takes `kumppani ingest` runs handed over through its loopback admin endpoint (the embedded
 * database admits one process); every ingest goes through one queue. SIGINT/SIGTERM stop it
 * gracefully: no new connections, answers and ingests in flight finished, database closed.
 */
import fs from 'node:fs';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { createServices, type Services } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { ingestKnowledgeIfEmpty } from '../../ingest/bootstrap.ts';
import { ingestPaths } from '../../ingest/pipeline.ts';
import { oneAtATime, watchKnowledgeDir, type KnowledgeWatcher, type Serial } from '../../ingest/watch.ts';
import { createLogger, type Logger } from '../../kernel/log.ts';
import { startAdmin, writeAdminToken, type AdminServer } from '../../server/admin.ts';
import { createServer, type KumppaniServer } from '../../server/app.ts';
import { channelFactories } from '../../server/channels.ts';
import { calendarSource } from '../../server/calendar.ts';
import { indexStats } from '../../store/documents.ts';

export interface ServeOptions {
  port?: number;
  host?: string;
}

/** Logs ingestion progress about ten times per run, not once per file. */
function progressLogger(logger: Logger): (done: number, total: number) => void {
  let lastTenth = -1;
  return (done, total) => {
    const tenth = Math.floor((done / Math.max(total, 1)) * 10);
    if (tenth !== lastTenth || done === total) {
      lastTenth = tenth;
      logger.info({ done, total }, `ingesting the knowledge directory: ${done}/${total} documents`);
    }
  };
}

async function prepareIndex(services: Services, logger: Logger): Promise<void> {
  const summary = await ingestKnowledgeIfEmpty(services, progressLogger(logger));
  if (summary?.failed.length) {
    for (const f of summary.failed)
      logger.warn({ file: f.file, reason: f.reason }, 'a knowledge file could not be ingested');
  }
  const stats = await indexStats(services.db.pool);
  if (stats.activeDocuments === 0) {
    logger.warn(
      { knowledgeDir: services.config.knowledgeDir, autoIngest: services.config.autoIngest },
      'the index is empty: every question will be refused. Run `kumppani ingest DIR`, or set KUMPPANI_KNOWLEDGE_DIR and KUMPPANI_AUTO_INGEST=true',
    );
  } else {
    logger.info({ documents: stats.activeDocuments, chunks: stats.chunks }, 'index ready');
  }
}

/**
 * With an embedded database, `kumppani ingest` cannot open it beside the server: it finds the
 * admin endpoint in the lock file and the token in the data directory, and the server ingests.
 */
async function startAdminEndpoint(
  services: Services,
  serial: Serial,
): Promise<{ server: AdminServer; tokenFile: string } | undefined> {
  const dataDir = services.db.dataDir;
  if (!dataDir) return undefined;
  const { token, file } = writeAdminToken(dataDir.path);
  const server = await startAdmin({
    token,
    logger: services.logger,
    handlers: {
      ingest: (paths, opts) =>
        serial(() =>
          ingestPaths(paths, services.writer, {
            ...opts,
            logger: services.logger,
            limits: services.config.ingest,
          }),
        ),
      backup: services.db.dump && (() => serial(() => services.db.dump!())),
      ask: (question, opts) => services.answerer.ask(question, opts),
    },
  });
  dataDir.lock.setServer({ adminUrl: server.url });
  services.logger.info(
    { admin: server.url },
    '`kumppani ingest`, `kumppani backup` and `kumppani ask` are handed to this server',
  );
  return { server, tokenFile: file };
}

async function followKnowledgeDir(services: Services, serial: Serial): Promise<KnowledgeWatcher | undefined> {
  const dir = services.config.knowledgeDir;
  // KUMPPANI_AUTO_INGEST=false: the operator runs `kumppani ingest` and the folder is left alone.
  if (!services.config.autoIngest) return undefined;
  if (!fs.existsSync(dir)) {
    services.logger.warn({ dir }, 'the knowledge folder does not exist: it is not followed');
    return undefined;
  }
  return watchKnowledgeDir({
    dir,
    writer: services.writer,
    logger: services.logger,
    serial,
    limits: services.config.ingest,
  });
}

/**
 * Lets the ingest in progress finish within the shutdown grace, not longer: a first start's
 * ingest of a large folder must not hold a stop for minutes. Each document is written in one
 * transaction, and what was not written is ingested at the next start.
 */
async function drainIngests(
  watcher: KnowledgeWatcher | undefined,
  serial: Serial,
  graceMs: number,
  logger: Logger,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const drained = await Promise.race([
    Promise.all([watcher?.close(), serial.idle()]).then(() => true),
    new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), graceMs))),
  ]);
  clearTimeout(timer);
  if (!drained)
    logger.warn(
      { graceMs },
      'an ingest was still running at the end of the shutdown grace: stopping it; the documents it had not written are ingested at the next start',
    );
}

export async function serve(opts: ServeOptions = {}): Promise<void> {
  // A ConfigError thrown here is printed by the CLI with the variables to fix; exit code 78.
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const services = await createServices(config, { logger });
  const serial = oneAtATime();
  let server: KumppaniServer | undefined;
  let admin: { server: AdminServer; tokenFile: string } | undefined;
  let watcher: KnowledgeWatcher | undefined;
  let stopping = false;

  const stop = async (reason: string) => {
    logger.info({ reason }, 'stopping: finishing the answers and ingests in flight');
    try {
      await admin?.server.close();
      if (admin) fs.rmSync(admin.tokenFile, { force: true });
      await server?.stop();
      await drainIngests(watcher, serial, config.env.KUMPPANI_SHUTDOWN_TIMEOUT_MS, logger);
    } catch (err) {
      logger.error({ err }, 'the server did not stop cleanly');
    }
    try {
      await services.close();
    } catch (err) {
      logger.error({ err }, 'the database did not close cleanly');
    }
    logger.info('stopped');
  };

  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting without waiting');
      process.exit(130);
    }
    stopping = true;
    void stop(signal).finally(() => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      // A stuck socket or timer must not keep a stopped server's process alive.
      setTimeout(() => process.exit(process.exitCode ?? 0), 3000).unref();
    });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    admin = await startAdminEndpoint(services, serial);
    // Before the start-up sync: a file saved while it walks the folder is queued behind it, not missed.
    watcher = await followKnowledgeDir(services, serial);
    await serial(() => prepareIndex(services, logger));
    // Before listening: the first user should not wait for the term statistics.
    await services.searcher.warm?.();
    if (stopping) return;
    server = await createServer({
      config,
      logger,
      assistant: services.assistant,
      state: services.channelState,
      indexStats: () => indexStats(services.db.pool),
      channels: channelFactories,
      calendar: calendarSource(services.db.pool),
      reminders: services.reminders,
    });
    const { url } = await server.start({ port: opts.port, host: opts.host });
    // After the channels registered their senders: one due while the server was down goes out now.
    services.reminders.start();
    logger.info(
      { url, channels: Object.fromEntries(server.channels.map((c) => [c.name, c.mode ?? 'enabled'])) },
      `Kumppani is listening: web chat at ${url}/, health at ${url}/healthz`,
    );
  } catch (err) {
    if (stopping) return;
    stopping = true;
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await stop('start-up failed');
    throw err;
  }
}

export function register(program: Command): void {
  program
    .command('serve')
    .description('Run the server: web chat, Teams, Slack and Telegram, /healthz and /metrics (npm start)')
    .addOption(
      new Option('-p, --port <port>', 'port to listen on (default: PORT or 3978)').argParser((v) => {
        const n = Number(v);
        if (!Number.isInteger(n) || n < 0 || n > 65535)
          throw new InvalidArgumentError('must be a whole number from 0 to 65535');
        return n;
      }),
    )
    .option('--host <host>', 'address to listen on (default: HOST or 0.0.0.0)')
    .action(async (opts: ServeOptions) => {
      await serve(opts);
    });
}
