/**
 * First start: an empty index is filled from the knowledge directory, so that a newcomer's
 * `npm start` (or `npm run eval`) ends with a bot that answers.
 */
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import type { Database } from '../store/db.ts';
import { indexStats } from '../store/documents.ts';
import { ingestPaths, type IngestSummary } from './pipeline.ts';
import type { IndexWriter } from './types.ts';

export async function ingestKnowledgeIfEmpty(
  services: { config: Config; db: Database; writer: IndexWriter; logger: Logger },
  onProgress?: (done: number, total: number, file: string) => void,
): Promise<IngestSummary | undefined> {
  const stats = await indexStats(services.db.pool);
  if (stats.documents > 0 || !services.config.autoIngest) return undefined;
  const dir = services.config.knowledgeDir;
  services.logger.info({ dir }, 'index is empty: ingesting the knowledge directory');
  const summary = await ingestPaths([dir], services.writer, { onProgress, logger: services.logger });
  services.logger.info(
    { added: summary.added, failed: summary.failed.length, chunks: summary.chunks },
    'knowledge directory ingested',
  );
  return summary;
}
