/**
 * Documents go to the index in batches (one transaction and a fixed number of statements per
 * batch, `IndexWriter.putMany`): on the embedded database each statement costs about a
 * millisecond, and one document at a time was eleven of them. A batch that fails is written again
 * one document at a time, so a bad document fails alone and the others go in.
 *
 * While batching, one batch is written while the next is read and analysed (`IndexWriter.prepare`):
 * on a PostgreSQL server the database is another process, so its work on batch N and the
 * analysis of batch N+1 run on the two cores at once (embedded, they share the one thread and
 * nothing changes). Writes still go one after the other, in order, each done before the next
 * starts, and `settle` waits for the last one.
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
  /** The batch being written, if any; rejects only when a `done` callback threw. */
  private inflight: Promise<void> = Promise.resolve();
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

  /**
   * Starts writing what was added, once the batch before it is written. Batching, it returns as
   * soon as the write has started; otherwise once it is done.
   */
  async flush(): Promise<void> {
    const items = this.items;
    this.items = [];
    this.chunks = 0;
    if (items.length === 0) return;
    // Analysed before waiting: this is what overlaps the previous batch's write. A failure here
    // is met again, and reported, by the write itself.
    if (this.batching) await this.writer.prepare?.(items).catch(() => {});
    await this.inflight;
    const write = this.write(items);
    // Seen as handled at once (an error reaches whoever awaits it next): a failure between two
    // flushes must not end the process as an unhandled rejection.
    write.catch(() => {});
    this.inflight = write;
    if (!this.batching) await this.inflight;
  }

  /** Writes what is left and waits for every write; rethrows a `done` callback's error. */
  async drain(): Promise<void> {
    await this.flush();
    await this.inflight;
  }

  /** Waits for the write in flight, if any, whatever became of it (before a bulk load's end). */
  async settle(): Promise<void> {
    await this.inflight.catch(() => {});
  }

  private async write(items: Item[]): Promise<void> {
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
