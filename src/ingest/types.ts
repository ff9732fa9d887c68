import type { Audience, Language } from '../kernel/types.ts';

export type SourceFormat = 'md' | 'txt' | 'html' | 'pdf' | 'docx';

/** Metadata of a document: from front matter, a `NAME.meta.yml` sidecar, or a folder's `_meta.yml`. */
export interface DocumentMeta {
  /** Identity across versions (two files with the same id are versions; the newer `date` wins). */
  id?: string;
  title: string;
  /** Absent: a region-wide document. */
  municipality?: string;
  /** The municipality's Swedish name, when it is bilingual: questions may use either. */
  municipalitySv?: string;
  /** A region-wide document's municipalities (metadata `covers`); absent: every one. */
  covers?: string[];
  audience: Audience;
  /** Detected from the text when the metadata does not say. */
  language: Language;
  url?: string;
  /** ISO date YYYY-MM-DD of this version. */
  date?: string;
  topics: string[];
}

/** A paragraph-sized piece of a document, with the heading path above it. */
export interface Block {
  /** Heading path from the top, e.g. ["Avustukset", "Toiminta-avustus"]. */
  headings: string[];
  /** 1-based page, for paged formats (PDF). */
  page?: number;
  text: string;
}

/**
 * How a document came into the index. `knowledge-dir`: by the sync of KUMPPANI_KNOWLEDGE_DIR (at
 * start, or by a watcher), which also removes it once the folder no longer holds it. `cli`: named
 * explicitly (`kumppani ingest PATH`); the sync removes it only when its file is gone.
 */
export type DocumentOrigin = 'knowledge-dir' | 'cli';

export interface LoadedDocument {
  /** The file's path as ingested, POSIX separators (what citations show as `source`). */
  source: string;
  format: SourceFormat;
  meta: DocumentMeta;
  blocks: Block[];
  /** sha256 of the file's bytes and its metadata, to skip unchanged files. */
  contentHash: string;
  /** Absent: `cli`. */
  origin?: DocumentOrigin;
  /** The file's absolute path when it was read (to tell later whether it is gone). */
  path?: string;
}

/** A chunk ready for indexing: follows the document's sections, never cuts a sentence. */
export interface ChunkDraft {
  ord: number;
  /** Section path joined with " › ". */
  section?: string;
  page?: number;
  text: string;
}

/** What the ingestion pipeline needs from the index (implemented in src/store + src/ingest/indexer). */
export interface IndexWriter {
  /** The content hash stored for a source, or undefined when it is not indexed. */
  storedHash(source: string): Promise<string | undefined>;
  /**
   * Inserts the new version with its chunks (vectors and full text computed here) and removes the
   * old one in one transaction, so the old version keeps answering until the new one is in.
   */
  put(doc: LoadedDocument, chunks: ChunkDraft[]): Promise<'added' | 'updated'>;
  /** `put` of several documents (distinct sources) in one transaction; outcomes in order. */
  putMany?(
    items: ReadonlyArray<{ doc: LoadedDocument; chunks: ChunkDraft[] }>,
  ): Promise<Array<'added' | 'updated'>>;
  /**
   * Optional: computes now what `put`/`putMany` of these same items will write (the analysis),
   * so that a caller can do it while the previous batch is being written. Without it, or for
   * items never prepared, `put`/`putMany` compute it themselves.
   */
  prepare?(items: ReadonlyArray<{ doc: LoadedDocument; chunks: ChunkDraft[] }>): Promise<void>;
  /** Every indexed source. */
  sources(): Promise<string[]>;
  /** Removes these sources' documents and chunks. */
  remove(sources: string[]): Promise<void>;
  /** Called once after a run that changed the index (e.g. to refresh planner statistics). */
  finish?(): Promise<void>;
  /**
   * Called before the first write of a run that may write up to `documents` documents: the writer
   * may prepare a bulk load (set derived indexes aside) and says whether it did. If so, `endBulk`
   * follows once the writes are done, also when the run fails.
   */
  beginBulk?(documents: number): Promise<boolean>;
  endBulk?(): Promise<void>;
}
