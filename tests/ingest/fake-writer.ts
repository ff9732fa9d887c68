/** An in-memory IndexWriter that records what the pipeline asked of it. */
import type { ChunkDraft, IndexWriter, LoadedDocument } from '../../src/ingest/types.ts';

export class FakeWriter implements IndexWriter {
  readonly docs = new Map<string, { doc: LoadedDocument; chunks: ChunkDraft[] }>();
  readonly puts: string[] = [];
  /** Sources whose `put` throws, to simulate a failing database write. */
  readonly failOn = new Set<string>();

  async storedHash(source: string): Promise<string | undefined> {
    return this.docs.get(source)?.doc.contentHash;
  }

  async put(doc: LoadedDocument, chunks: ChunkDraft[]): Promise<'added' | 'updated'> {
    if (this.failOn.has(doc.source)) throw new Error('connection terminated unexpectedly');
    this.puts.push(doc.source);
    const had = this.docs.has(doc.source);
    this.docs.set(doc.source, { doc, chunks });
    return had ? 'updated' : 'added';
  }

  async sources(): Promise<string[]> {
    return [...this.docs.keys()];
  }

  async remove(sources: string[]): Promise<void> {
    for (const s of sources) this.docs.delete(s);
  }

  meta(source: string): LoadedDocument['meta'] {
    const entry = this.docs.get(source);
    if (!entry) throw new Error(`${source} was not indexed; indexed: ${[...this.docs.keys()].join(', ')}`);
    return entry.doc.meta;
  }
}
