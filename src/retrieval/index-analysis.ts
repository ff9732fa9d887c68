/**
 * What the index stores of a chunk's text: its vector and its analysed term counts. The offline
 * embedder builds its vectors from the same analysis as the terms, so when it uses this very
 * analyzer each text is analysed once and both are read off the tokens (analysis was a tenth of
 * an ingestion's CPU, done twice); the values are the same as analysing twice.
 */
import type { Language } from '../kernel/types.ts';
import type { Analyzer } from './analyzer.ts';
import { OfflineEmbedder, type Embedder } from './embedder.ts';

export interface AnalysedTexts {
  vectors: number[][];
  termCounts: Array<Record<string, number>>;
}

export async function analyseForIndex(
  embedder: Embedder,
  analyzer: Analyzer,
  texts: readonly string[],
  languages: readonly Language[],
): Promise<AnalysedTexts> {
  if (embedder instanceof OfflineEmbedder && embedder.analyzer === analyzer) {
    const vectors: number[][] = [];
    const termCounts: Array<Record<string, number>> = [];
    texts.forEach((text, i) => {
      const tokens = analyzer.tokens(text, languages[i]!);
      vectors.push(embedder.embedTokens(tokens));
      termCounts.push(analyzer.termCountsOf(text, tokens));
    });
    return { vectors, termCounts };
  }
  const vectors = await embedder.embedDocuments([...texts], [...languages]);
  return { vectors, termCounts: texts.map((t, i) => analyzer.termCounts(t, languages[i]!)) };
}
