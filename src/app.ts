/**
 * Composition root: builds the services every entry point (CLI commands, the server) shares from
 * one validated Config. Nothing else wires modules together.
 */
import type { Config } from './config.ts';
import { createLogger, type Logger } from './kernel/log.ts';
import { openDatabase, type Database } from './store/db.ts';
import { loadThesaurus } from './retrieval/thesaurus.ts';
import { Analyzer } from './retrieval/analyzer.ts';
import { openMorphology } from './retrieval/voikko.ts';
import { createEmbedder, type Embedder } from './retrieval/embedder.ts';
import { HybridSearcher } from './retrieval/searcher.ts';
import { configureDictionary } from './retrieval/bilingual.ts';
import { ExtractiveAnswerer } from './answer/extractive.ts';
import { StoreIndexWriter, syncIndex } from './ingest/indexer.ts';
import { createAssistant, type ClosableAssistant } from './dialogue/assistant.ts';
import type { IndexWriter } from './ingest/types.ts';
import type { Searcher } from './retrieval/types.ts';
import type { Answerer } from './answer/types.ts';
import type { DialogueStores } from './kernel/ports.ts';
import { createDialogueStores } from './store/dialogue-stores.ts';
import { MunicipalityDirectory } from './kernel/municipality-directory.ts';
import { ANSWERABILITY, REGIONAL } from './kernel/tuning.ts';
import { PgChannelState } from './store/channel-state.ts';
import { generateKey } from './kernel/pseudonym.ts';
import { createReminderScheduler, type ReminderScheduler } from './dialogue/reminders.ts';

export interface Services {
  config: Config;
  logger: Logger;
  db: Database;
  analyzer: Analyzer;
  embedder: Embedder;
  writer: IndexWriter;
  searcher: Searcher;
  answerer: Answerer;
  /** The dialogue's storage ports over `db`. */
  stores: DialogueStores;
  assistant: ClosableAssistant;
  /** Channel state in the database (claims, threads, button tokens, rate limits), for ChannelContext. */
  channelState: PgChannelState;
  /** Deadline reminders (issue 16): channels register senders; `serve` starts it. */
  reminders: ReminderScheduler;
  close(): Promise<void>;
}

export interface ServiceOptions {
  logger?: Logger;
}

export async function createServices(config: Config, opts: ServiceOptions = {}): Promise<Services> {
  const logger = opts.logger ?? createLogger(config.logLevel);
  const db = await openDatabase({ url: config.database.url, dataDir: config.database.dataDir });
  let morphology: ReturnType<typeof openMorphology>['morphology'];
  try {
    const opened = openMorphology(config.morphology);
    morphology = opened.morphology;
    logger.info({ morphology: morphology?.id ?? 'builtin' }, opened.note);
    configureDictionary(config.dictionaryDir, (message) => logger.warn(message));
    const analyzer = new Analyzer(loadThesaurus(), morphology);
    const embedder = await createEmbedder(config, analyzer);
    await syncIndex(db.pool, embedder, analyzer, logger);
    const writer = new StoreIndexWriter(db.pool, embedder, analyzer);
    // On a server the three candidate queries run at once, each on a connection of its own.
    const searcher = new HybridSearcher(db.pool, embedder, analyzer, { candidatesApart: db.kind === 'postgres' });
    const stores = createDialogueStores(db.pool);
    const directory = new MunicipalityDirectory((audience) => stores.catalog.municipalities(audience));
    const answerer = new ExtractiveAnswerer(db.pool, searcher, analyzer, REGIONAL, ANSWERABILITY, directory);
    const llm =
      config.answerMode === 'llm'
        ? (await import('./answer/llm-stack.ts')).createLlmStack({
            config,
            searcher,
            fallback: answerer,
            logger,
          })
        : undefined;
    const assistant = await createAssistant({ stores, answerer, llm, config, logger, directory });
    // Keyed with the pseudonymisation key, so every replica digests a platform key the same way.
    const channelState = new PgChannelState(
      db.pool,
      config.hmacKey ?? (await stores.sessions.hmacKey(generateKey)),
    );
    channelState.startCleanup(logger);
    const reminders = createReminderScheduler({
      stores,
      days: config.reminders.days,
      intervalMinutes: config.reminders.intervalMinutes,
      logger,
    });
    return {
      config,
      logger,
      db,
      analyzer,
      embedder,
      writer,
      searcher,
      answerer,
      stores,
      assistant,
      channelState,
      reminders,
      async close() {
        await reminders.stop();
        await channelState.stopCleanup();
        await assistant.close();
        await db.close();
        morphology?.close();
      },
    };
  } catch (err) {
    await db.close().catch(() => {});
    morphology?.close();
    throw err;
  }
}
