/**
 * LLM translation of a Swedish or English question into Finnish before search (the documents are
 * mostly Finnish, and a word list bridges single words only), with the language's `translate.md`
 * prompt. Returns undefined on timeout, error or an unusable reply: the question is then searched
 * as asked.
 */
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { Language } from '../kernel/types.ts';
import type { Logger } from '../kernel/log.ts';
import { fill, type PromptLibrary } from './llm-prompts.ts';
import { askForOneLine } from './llm-line.ts';

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
    const line = await askForOneLine(deps, fill(template, { question }), {
      labels: /^(finnish|suomeksi|finska|på finska|kysymys|question|fråga)\s*:\s*/iu,
      onFailure: 'LLM translation failed; searching the question as asked',
    });
    return line === question.trim() ? undefined : line;
  };
}
