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
  dropVectorIndexes,
  ensureVectorIndex,
  indexStats,
  getSetting,
  analyzeIndex,
  listSources,
  removeSources,
  replaceDocuments,
  setSetting,
  storedHash,
  updateComputed,
  type ChunkInsert,
  type DocumentVersion,
} from '../store/documents.ts';
import { restoreSetAsideIndexes, setIndexesAside } from '../store/bulk-indexes.ts';
import type { ChunkDraft, IndexWriter, LoadedDocument } from './types.ts';
import { indexedText } from '../retrieval/indexed-text.ts';
import { analyseForIndex } from '../retrieval/index-analysis.ts';
import { eventUid, extractEvents } from './events.ts';
import { BATCH_MIN_DOCUMENTS } from './batched-writes.ts';

/** Below this many documents to write, a run inserts into the HNSW index as it goes. */
const BULK_MIN_DOCUMENTS = BATCH_MIN_DOCUMENTS;

export function documentKey(doc: LoadedDocument): string {
  if (doc.meta.id) return doc.meta.id.trim().toLowerCase();
  return `${(doc.meta.municipality ?? 'region').toLowerCase()}::${doc.meta.title.trim().toLowerCase()}`;
}

export class StoreIndexWriter implements IndexWriter {
  /** Versions analysed by `prepare`, taken by the write of the same document object. */
  private readonly prepared = new WeakMap<
    LoadedDocument,
    { chunks: ChunkDraft[]; version: DocumentVersion }
  >();

  constructor(
    private readonly pool: pg.Pool,
    private readonly embedder: Embedder,
    private readonly analyzer: Analyzer,
  ) {}

  storedHash(source: string): Promise<string | undefined> {
    return storedHash(this.pool, source);
  }

  async put(doc: LoadedDocument, chunks: ChunkDraft[]): Promise<'added' | 'updated'> {
    return (await this.putMany([{ doc, chunks }]))[0]!;
  }

  async putMany(
    items: ReadonlyArray<{ doc: LoadedDocument; chunks: ChunkDraft[] }>,
  ): Promise<Array<'added' | 'updated'>> {
    const versions: DocumentVersion[] = [];
    for (const { doc, chunks } of items) {
      const ready = this.prepared.get(doc);
      this.prepared.delete(doc);
      versions.push(ready?.chunks === chunks ? ready.version : await this.version(doc, chunks));
    }
    return replaceDocuments(this.pool, versions);
  }

  async prepare(items: ReadonlyArray<{ doc: LoadedDocument; chunks: ChunkDraft[] }>): Promise<void> {
    for (const { doc, chunks } of items)
      this.prepared.set(doc, { chunks, version: await this.version(doc, chunks) });
  }

  private async version(doc: LoadedDocument, chunks: ChunkDraft[]): Promise<DocumentVersion> {
    const lang = doc.meta.language;
    const texts = chunks.map((c) =>
      indexedText({
        municipality: doc.meta.municipality,
        title: doc.meta.title,
        section: c.section,
        text: c.text,
      }),
    );
    const { vectors, termCounts } = await analyseForIndex(
      this.embedder,
      this.analyzer,
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
      termCounts: termCounts[i]!,
      ftsText: texts[i]!,
    }));
    const docKey = documentKey(doc);
    const events = extractEvents({ blocks: doc.blocks, date: doc.meta.date, language: lang }).map((e) => ({
      ...e,
      uid: eventUid(docKey, e),
    }));
    return {
      doc: {
        source: doc.source,
        docKey,
        title: doc.meta.title,
        municipality: doc.meta.municipality,
        municipalitySv: doc.meta.municipalitySv,
        covers: doc.meta.covers,
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
      chunks: rows,
      events,
    };
  }

  sources(): Promise<string[]> {
    return listSources(this.pool);
  }

  remove(sources: string[]): Promise<void> {
    return removeSources(this.pool, sources);
  }

  /**
   * A load that at least doubles the index goes in without the HNSW index and the full-text and
   * filter indexes (bulk-indexes.ts), built once at the end: the graph inserts were a third of a
   * 10k ingestion's CPU, the build is a fraction of that. A few edits to a large index keep them
   * (rebuilding 100k vectors for one file would take minutes).
   */
  async beginBulk(documents: number): Promise<boolean> {
    if (documents < BULK_MIN_DOCUMENTS) return false;
    if (documents < (await indexStats(this.pool)).documents) return false;
    await dropVectorIndexes(this.pool);
    await setIndexesAside(this.pool);
    return true;
  }

  async endBulk(): Promise<void> {
    await restoreSetAsideIndexes(this.pool);
    await ensureVectorIndex(this.pool, this.embedder.dimensions);
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
        const languages = page.map((c) => c.language);
        let vectors: number[][] | undefined;
        let counts: Array<Record<string, number>>;
        if (embedderChanged)
          ({ vectors, termCounts: counts } = await analyseForIndex(embedder, analyzer, texts, languages));
        else counts = texts.map((t, i) => analyzer.termCounts(t, languages[i]!));
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
  // A bulk load that died before its end left these to build.
  await restoreSetAsideIndexes(pool);
  await ensureVectorIndex(pool, embedder.dimensions);
}
