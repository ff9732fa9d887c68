/**
 * The real IndexWriter: analyses and embeds chunks, then hands plain rows to the store.
 * Also keeps the stored vectors in step with the configured embedder.
 */
import type pg from 'pg';
import type { Logger } from '../kernel/log.ts';
import type { Analyzer } from '../retrieval/analyzer.ts';
import type { Embedder } from '../retrieval/embedder.ts';
import {
  chunkTextsAfter,
  ensureVectorIndex,
  getSetting,
  analyzeIndex,
  listSources,
  removeSources,
  replaceDocument,
  setSetting,
  storedHash,
  updateComputed,
  type ChunkInsert,
} from '../store/documents.ts';
import type { ChunkDraft, IndexWriter, LoadedDocument } from './types.ts';
import { indexedText } from '../retrieval/indexed-text.ts';
import { eventUid, extractEvents } from './events.ts';

export function documentKey(doc: LoadedDocument): string {
  if (doc.meta.id) return doc.meta.id.trim().toLowerCase();
  return `${(doc.meta.municipality ?? 'region').toLowerCase()}::${doc.meta.title.trim().toLowerCase()}`;
}

export class StoreIndexWriter implements IndexWriter {
  constructor(
    private readonly pool: pg.Pool,
    private readonly embedder: Embedder,
    private readonly analyzer: Analyzer,
  ) {}

  storedHash(source: string): Promise<string | undefined> {
    return storedHash(this.pool, source);
  }

  async put(doc: LoadedDocument, chunks: ChunkDraft[]): Promise<'added' | 'updated'> {
    const lang = doc.meta.language;
    const texts = chunks.map((c) =>
      indexedText({
        municipality: doc.meta.municipality,
        title: doc.meta.title,
        section: c.section,
        text: c.text,
      }),
    );
    const vectors = await this.embedder.embedDocuments(
      texts,
      texts.map(() => lang),
    );
    const rows: ChunkInsert[] = chunks.map((c, i) => ({
      ord: c.ord,
      section: c.section,
      page: c.page,
      text: c.text,
      language: lang,
      embedding: vectors[i]!,
      termCounts: this.analyzer.termCounts(texts[i]!, lang),
      ftsText: texts[i]!,
    }));
    const docKey = documentKey(doc);
    const events = extractEvents({ blocks: doc.blocks, date: doc.meta.date, language: lang }).map((e) => ({
      ...e,
      uid: eventUid(docKey, e),
    }));
    return replaceDocument(
      this.pool,
      {
        source: doc.source,
        docKey,
        title: doc.meta.title,
        municipality: doc.meta.municipality,
        municipalitySv: doc.meta.municipalitySv,
        audience: doc.meta.audience,
        language: lang,
        url: doc.meta.url,
        date: doc.meta.date,
        topics: doc.meta.topics,
        format: doc.format,
        contentHash: doc.contentHash,
        origin: doc.origin,
        filePath: doc.path,
      },
      rows,
      events,
    );
  }

  sources(): Promise<string[]> {
    return listSources(this.pool);
  }

  remove(sources: string[]): Promise<void> {
    return removeSources(this.pool, sources);
  }

  /** Embedded PGlite has no autovacuum: without fresh statistics the planner misjudges filters. */
  finish(): Promise<void> {
    return analyzeIndex(this.pool);
  }
}

/**
 * Keeps what is stored in step with how it is computed: when the embedder or the analysis (the
 * thesaurus, the analyzer's version) changed since the last run, every chunk's vector and analysed
 * terms are computed again (in pages, so a large index does not fill memory), and the HNSW index is
 * rebuilt for the embedder's dimension. Without this, an edited thesaurus would only reach files
 * that happen to change.
 */
export async function syncIndex(
  pool: pg.Pool,
  embedder: Embedder,
  analyzer: Analyzer,
  logger?: Logger,
): Promise<void> {
  const wanted = `${embedder.id}|${analyzer.id}`;
  const stored = await getSetting(pool, 'index_computed_with');
  if (stored !== wanted) {
    const any = await pool.query('SELECT 1 FROM chunks LIMIT 1');
    if (any.rowCount) {
      // Only the analysis changed (a thesaurus edit, a new analysis version): vectors stay.
      const embedderChanged = !stored?.startsWith(`${embedder.id}|`);
      logger?.info(
        { from: stored, to: wanted },
        embedderChanged
          ? 'embedder changed: embedding and analysing every chunk again'
          : 'analysis changed: analysing every chunk again',
      );
      if (embedderChanged)
        await pool.query(`DROP INDEX IF EXISTS chunks_embedding_hnsw_${embedder.dimensions}`);
      let after = 0;
      for (;;) {
        const page = await chunkTextsAfter(pool, after, 256);
        if (page.length === 0) break;
        const texts = page.map((c) => indexedText(c));
        const vectors = embedderChanged
          ? await embedder.embedDocuments(
              texts,
              page.map((c) => c.language),
            )
          : undefined;
        const counts = texts.map((t, i) => analyzer.termCounts(t, page[i]!.language));
        await updateComputed(
          pool,
          page.map((c) => c.id),
          vectors,
          counts,
        );
        after = page[page.length - 1]!.id;
      }
    }
    await setSetting(pool, 'index_computed_with', wanted);
  }
  await ensureVectorIndex(pool, embedder.dimensions);
}
