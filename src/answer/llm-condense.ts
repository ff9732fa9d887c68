/**
 * LLM condenser: rewrites a follow-up as a standalone question with the model and the
 * `condense.md` prompt. Returns undefined on timeout, error or an unusable reply, so the caller
 * keeps the rule-based condensation.
 */
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { HumanMessage } from '@langchain/core/messages';
import type { Language } from '../core/types.ts';
import type { Logger } from '../log.ts';
import { fill, type PromptLibrary } from './llm-prompts.ts';
import { contentText, withTimeout } from './llm.ts';
import { NO_ANSWER } from './llm-citations.ts';

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
    try {
      const reply = await withTimeout(deps.timeoutMs, async (signal) =>
        contentText((await deps.model.invoke([new HumanMessage(prompt)], { signal })).content),
      );
      // One line, without a leading label or quotes the model may add.
      const line = reply
        .split('\n')
        .map((l) => l.trim())
        .find(Boolean)
        ?.replace(
          /^(standalone question|rewritten question|question|itsenäinen kysymys|kysymys|självständig fråga|fråga)\s*:\s*/iu,
          '',
        )
        .replace(/^["'«»“”]+|["'«»“”]+$/g, '')
        .trim();
      if (!line || line.length > 500 || line.includes(NO_ANSWER)) return undefined;
      return line;
    } catch (err) {
      deps.logger.warn(
        { err: (err as Error).message },
        'LLM condenser failed; using the rule-based follow-up',
      );
      return undefined;
    }
  };
}
