/**
 * Documents go to the index in batches (one transaction and a fixed number of statements per
 * batch, `IndexWriter.putMany`): on the embedded database each statement costs about a
 * millisecond, and one document at a time was eleven of them. A batch that fails is written again
 * one document at a time, so a bad document fails alone and the others go in.
 */
import type { ChunkDraft, IndexWriter, LoadedDocument } from './types.ts';

/** A batch is written once it holds this many chunks or documents. */
const BATCH_CHUNKS = 400;
const BATCH_DOCUMENTS = 100;

export type WriteOutcome = { ok: true; outcome: 'added' | 'updated' } | { ok: false; error: unknown };

interface Item {
  doc: LoadedDocument;
  chunks: ChunkDraft[];
}

/**
 * Below this many documents to write a run writes one at a time: each is searchable (and
 * reported) as soon as it is in, which a few edits or the watcher's single files want.
 */
export const BATCH_MIN_DOCUMENTS = 100;

export class BatchedWrites {
  private items: Item[] = [];
  private chunks = 0;
  /** Off: every `add` is written at once. */
  batching = false;

  constructor(
    private readonly writer: IndexWriter,
    /** Called for every document once its write is done, in the order they were added. */
    private readonly done: (doc: LoadedDocument, chunks: number, result: WriteOutcome) => void,
  ) {}

  async add(doc: LoadedDocument, chunks: ChunkDraft[]): Promise<void> {
    this.items.push({ doc, chunks });
    this.chunks += chunks.length;
    if (!this.batching || this.chunks >= BATCH_CHUNKS || this.items.length >= BATCH_DOCUMENTS)
      await this.flush();
  }

  async flush(): Promise<void> {
    const items = this.items;
    this.items = [];
    this.chunks = 0;
    if (items.length === 0) return;
    if (items.length > 1 && this.writer.putMany) {
      let outcomes: Array<'added' | 'updated'> | undefined;
      try {
        outcomes = await this.writer.putMany(items);
      } catch {
        // Written again one by one below, to tell which document failed.
      }
      if (outcomes) {
        items.forEach((it, i) => this.done(it.doc, it.chunks.length, { ok: true, outcome: outcomes[i]! }));
        return;
      }
    }
    for (const it of items) {
      let result: WriteOutcome;
      try {
        result = { ok: true, outcome: await this.writer.put(it.doc, it.chunks) };
      } catch (error) {
        result = { ok: false, error };
      }
      this.done(it.doc, it.chunks.length, result);
    }
  }
}
