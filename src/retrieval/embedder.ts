/**
 * Embedders turn text into vectors for pgvector. The offline default is computed by Kumppani itself
 * (no model download is possible): hashed features of the Finnish-aware analysis (keys, compound
 * parts, thesaurus concepts) plus character n-grams, which catch misspellings and compounds the
 * analysis misses. Any LangChain `Embeddings` (OpenAI, Azure OpenAI, Ollama) can replace it.
 */
import type { Embeddings } from '@langchain/core/embeddings';
import type { Config } from '../config.ts';
import type { Language } from '../kernel/types.ts';
import { detectLanguage } from '../kernel/language.ts';
import type { Analyzer, Token } from './analyzer.ts';
import { EMBEDDING_WEIGHTS } from '../kernel/tuning.ts';

export interface Embedder {
  /** Identifies the model and its dimensions; a change means every chunk must be embedded again. */
  readonly id: string;
  readonly dimensions: number;
  embedDocuments(texts: string[], languages?: Language[]): Promise<number[][]>;
  embedQuery(text: string, language?: Language): Promise<number[]>;
}

/** FNV-1a, 32 bit: fast, stable across runs and platforms. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class OfflineEmbedder implements Embedder {
  readonly id: string;

  constructor(
    readonly analyzer: Analyzer,
    readonly dimensions = 512,
  ) {
    // Its vectors are built from the analysis, so an analysis change is an embedder change too.
    this.id = `offline-hash-v1:${dimensions}:${analyzer.id}`;
  }

  private add(v: Float64Array, feature: string, weight: number): void {
    const h = fnv1a(feature);
    // One bit of the hash chooses the sign, so collisions cancel out on average.
    v[h % this.dimensions]! += h & 0x80000000 ? -weight : weight;
  }

  embed(text: string, lang: Language): number[] {
    return this.embedTokens(this.analyzer.tokens(text, lang));
  }

  /** The vector of a text already analysed by `this.analyzer` (the indexer has its tokens). */
  embedTokens(tokens: readonly Token[]): number[] {
    const v = new Float64Array(this.dimensions);
    for (const t of tokens) {
      if (t.stop) continue;
      this.add(v, `k:${t.key}`, EMBEDDING_WEIGHTS.key);
      for (const p of t.parts) this.add(v, `k:${p}`, EMBEDDING_WEIGHTS.part);
      for (const c of t.concepts) this.add(v, `c:${c}`, EMBEDDING_WEIGHTS.concept);
      if (t.surface.length >= 5 && !/^\d/.test(t.surface)) {
        const w = `<${t.surface}>`;
        for (let i = 0; i + 4 <= w.length; i++) this.add(v, `g:${w.slice(i, i + 4)}`, EMBEDDING_WEIGHTS.gram);
      }
    }
    let norm = 0;
    for (const x of v) norm += x * x;
    norm = Math.sqrt(norm) || 1;
    return Array.from(v, (x) => Math.round((x / norm) * 1e5) / 1e5);
  }

  async embedDocuments(texts: string[], languages?: Language[]): Promise<number[][]> {
    return texts.map((t, i) => this.embed(t, languages?.[i] ?? detectLanguage(t)));
  }

  async embedQuery(text: string, language?: Language): Promise<number[]> {
    return this.embed(text, language ?? detectLanguage(text));
  }
}

/** Wraps any LangChain Embeddings; the language is not needed by such models. */
export class LangChainEmbedder implements Embedder {
  constructor(
    private readonly inner: Embeddings,
    readonly id: string,
    readonly dimensions: number,
  ) {}

  async embedDocuments(texts: string[]): Promise<number[][]> {
    const out: number[][] = [];
    // Providers cap batch sizes; 64 is safe for OpenAI, Azure and Ollama.
    for (let i = 0; i < texts.length; i += 64)
      out.push(...(await this.inner.embedDocuments(texts.slice(i, i + 64))));
    for (const v of out) {
      if (v.length !== this.dimensions) {
        throw new Error(
          `Embedding model ${this.id} returned ${v.length} dimensions, expected ${this.dimensions}: set EMBEDDINGS_DIMENSIONS=${v.length}`,
        );
      }
    }
    return out;
  }

  async embedQuery(text: string): Promise<number[]> {
    return this.inner.embedQuery(text);
  }
}

export async function createEmbedder(config: Config, analyzer: Analyzer): Promise<Embedder> {
  const { provider, model, dimensions } = config.embeddings;
  const env = config.env;
  switch (provider) {
    case 'offline':
      return new OfflineEmbedder(analyzer, dimensions);
    case 'openai': {
      const { OpenAIEmbeddings } = await import('@langchain/openai');
      const m = model ?? 'text-embedding-3-small';
      const inner = new OpenAIEmbeddings({
        model: m,
        dimensions,
        apiKey: env.OPENAI_API_KEY ?? 'not-needed',
        configuration: env.OPENAI_BASE_URL ? { baseURL: env.OPENAI_BASE_URL } : undefined,
        timeout: config.llm.timeoutMs,
        maxRetries: 2,
      });
      return new LangChainEmbedder(inner, `openai:${m}:${dimensions}`, dimensions);
    }
    case 'azure': {
      const { AzureOpenAIEmbeddings } = await import('@langchain/openai');
      const deployment = env.AZURE_OPENAI_API_EMBEDDINGS_DEPLOYMENT_NAME ?? model ?? 'text-embedding-3-small';
      const inner = new AzureOpenAIEmbeddings({
        azureOpenAIApiKey: env.AZURE_OPENAI_API_KEY,
        azureOpenAIApiInstanceName: env.AZURE_OPENAI_API_INSTANCE_NAME,
        azureOpenAIApiDeploymentName: deployment,
        azureOpenAIApiVersion: env.AZURE_OPENAI_API_VERSION,
        dimensions,
        timeout: config.llm.timeoutMs,
        maxRetries: 2,
      });
      return new LangChainEmbedder(inner, `azure:${deployment}:${dimensions}`, dimensions);
    }
    case 'ollama': {
      const { OllamaEmbeddings } = await import('@langchain/ollama');
      const m = model ?? 'nomic-embed-text';
      const inner = new OllamaEmbeddings({ model: m, baseUrl: env.OLLAMA_BASE_URL });
      return new LangChainEmbedder(inner, `ollama:${m}:${dimensions}`, dimensions);
    }
  }
}
