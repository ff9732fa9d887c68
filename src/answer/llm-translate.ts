/**
 * LLM translation of a Swedish or English question into Finnish before search (the documents are
 * mostly Finnish, and a word list bridges single words only), with the language's `translate.md`
 * prompt. Returns undefined on timeout, error or an unusable reply: the question is then searched
 * as asked.
 */
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { HumanMessage } from '@langchain/core/messages';
import type { Language } from '../core/types.ts';
import type { Logger } from '../log.ts';
import { fill, type PromptLibrary } from './llm-prompts.ts';
import { contentText, withTimeout } from './llm.ts';
import { NO_ANSWER } from './llm-citations.ts';

export type Translator = (question: string, language: Language) => Promise<string | undefined>;

export interface LlmTranslatorDeps {
  model: BaseChatModel;
  prompts: PromptLibrary;
  timeoutMs: number;
  logger: Logger;
}

export function createLlmTranslator(deps: LlmTranslatorDeps): Translator {
  return async (question, language) => {
    const template = deps.prompts[language].translate;
    if (language === 'fi' || !template) return undefined;
    try {
      const reply = await withTimeout(deps.timeoutMs, async (signal) =>
        contentText(
          (await deps.model.invoke([new HumanMessage(fill(template, { question }))], { signal })).content,
        ),
      );
      // One line, without a label or quotes the model may add.
      const line = reply
        .split('\n')
        .map((l) => l.trim())
        .find(Boolean)
        ?.replace(/^(finnish|suomeksi|finska|på finska|kysymys|question|fråga)\s*:\s*/iu, '')
        .replace(/^["'«»“”]+|["'«»“”]+$/g, '')
        .trim();
      if (!line || line.length > 500 || line.includes(NO_ANSWER) || line === question.trim())
        return undefined;
      return line;
    } catch (err) {
      deps.logger.warn(
        { err: (err as Error).message },
        'LLM translation failed; searching the question as asked',
      );
      return undefined;
    }
  };
}
