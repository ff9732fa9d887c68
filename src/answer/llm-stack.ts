/**
 * KUMPPANI_ANSWER_MODE=llm: the chat model, its answerer (with the extractive one as fallback)
 * and the follow-up condenser, built from the configuration. The composition root imports this
 * module only in that mode: the LLM stack (openai, @langchain/core) costs a second at every start
 * of the offline default, `kumppani ask` included.
 */
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { Config } from '../config.ts';
import type { Logger } from '../kernel/log.ts';
import type { Searcher } from '../retrieval/types.ts';
import type { Answerer } from './types.ts';
import { createLlmAnswerer, type StreamingAnswerer } from './llm.ts';
import { createLlmCondenser, type Condenser } from './llm-condense.ts';
import { createChatModel } from './llm-model.ts';
import { loadPrompts } from './llm-prompts.ts';

export interface LlmStackDeps {
  config: Config;
  searcher: Searcher;
  /** Answers when the model fails or times out. */
  fallback: Answerer;
  logger: Logger;
  /** A ready model (tests); built from the configuration when absent. */
  chatModel?: BaseChatModel;
  /** Folder of the prompt files (default: the repository's `prompts/`). */
  promptsDir?: string;
}

export function createLlmStack(deps: LlmStackDeps): { answerer: StreamingAnswerer; condenser: Condenser } {
  const { config, logger } = deps;
  const model = deps.chatModel ?? createChatModel(config);
  const prompts = loadPrompts(deps.promptsDir);
  return {
    answerer: createLlmAnswerer({
      model,
      searcher: deps.searcher,
      fallback: deps.fallback,
      prompts,
      timeoutMs: config.llm.timeoutMs,
      logger,
    }),
    // A rewrite that takes longer than this is not worth waiting for: the plain follow-up rules apply.
    condenser: createLlmCondenser({
      model,
      prompts,
      timeoutMs: Math.min(config.llm.timeoutMs, 10_000),
      logger,
    }),
  };
}
