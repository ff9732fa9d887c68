/**
 * LLM condenser: rewrites a follow-up as a standalone question with the model and the
 * `condense.md` prompt. Returns undefined on timeout, error or an unusable reply, so the caller
 * keeps the rule-based condensation.
 */
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { Language } from '../kernel/types.ts';
import type { Logger } from '../kernel/log.ts';
import { fill, type PromptLibrary } from './llm-prompts.ts';
import { askForOneLine } from './llm-line.ts';

export type Condenser = (
  history: string[],
  question: string,
  language: Language,
) => Promise<string | undefined>;

export interface LlmCondenserDeps {
  model: BaseChatModel;
  prompts: PromptLibrary;
  timeoutMs: number;
  logger: Logger;
}

export function createLlmCondenser(deps: LlmCondenserDeps): Condenser {
  return async (history, question, language) => {
    const prompt = fill(deps.prompts[language].condense, {
      history: history.map((q) => `- ${q}`).join('\n'),
      question,
    });
    return askForOneLine(deps, prompt, {
      labels:
        /^(standalone question|rewritten question|question|itsenäinen kysymys|kysymys|självständig fråga|fråga)\s*:\s*/iu,
      onFailure: 'LLM condenser failed; using the rule-based follow-up',
    });
  };
}
