import type { Audience, Language } from '../kernel/types.ts';

/** Filters and size of one search. */
export interface SearchOptions {
  /**
   * The municipality whose documents to search, plus region-wide ones. `null`/absent searches
   * every municipality.
   */
  municipality?: string | null;
  /** `public` sees public documents only; `staff` sees both. */
  audience: Audience;
  /**
   * The question's language (detected when absent), for analysing it. Results are never limited to
   * one language: a Swedish question must find Finnish documents.
   */
  language?: Language;
  limit?: number;
}

/** One retrieved chunk with its document's metadata. */
export interface SearchHit {
  chunkId: number;
  documentId: number;
  /** File path as ingested. */
  source: string;
  title: string;
  section?: string;
  page?: number;
  url?: string;
  municipality?: string;
  /** ISO date of the document version. */
  date?: string;
  language: Language;
  text: string;
  /** Fused score, higher is better. */
  score: number;
  /** How well the chunk matched the query's content words, 0..1 (used for refusals). */
  coverage: number;
  /**
   * The question's region features that another retrieved passage of the same document matches:
   * an article names its region once ("Pirkanmaan järjestökyselyn mukaan …"), and each of its
   * passages is about that region.
   */
  places?: readonly string[];
}

export interface Searcher {
  search(query: string, opts: SearchOptions): Promise<SearchHit[]>;
  /** Loads what the first search would otherwise wait for (called before a server listens). */
  warm?(): Promise<void>;
}
