/**
 * Kumppani's hybrid search as a LangChain retriever, so LangChain chains and agents can use the
 * municipality index directly. Each Document carries the citation fields as metadata.
 */
import { BaseRetriever, type BaseRetrieverInput } from '@langchain/core/retrievers';
import { Document } from '@langchain/core/documents';
import type { SearchOptions, Searcher } from './types.ts';

export interface KumppaniRetrieverInput extends BaseRetrieverInput {
  searcher: Searcher;
  /** Filters and size of every search (municipality, audience, limit). */
  search: SearchOptions;
}

export class KumppaniRetriever extends BaseRetriever {
  lc_namespace = ['kumppani', 'retrievers'];
  private readonly searcher: Searcher;
  private readonly options: SearchOptions;

  constructor(fields: KumppaniRetrieverInput) {
    super(fields);
    this.searcher = fields.searcher;
    this.options = fields.search;
  }

  override async _getRelevantDocuments(query: string): Promise<Document[]> {
    const hits = await this.searcher.search(query, this.options);
    return hits.map(
      (h) =>
        new Document({
          pageContent: h.text,
          id: String(h.chunkId),
          metadata: {
            source: h.source,
            title: h.title,
            section: h.section,
            page: h.page,
            url: h.url,
            municipality: h.municipality,
            date: h.date,
            language: h.language,
            score: h.score,
          },
        }),
    );
  }
}
