/**
 * PLACEHOLDER until the dialogue service lands (issue 3): answers every turn statelessly with the
 * extractive answerer. The dialogue issue replaces this file's body; keep the export's signature.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import type { Answerer } from '../answer/types.ts';
import type { Searcher } from '../retrieval/types.ts';
import type { Assistant, FeedbackInput, MunicipalityInfo, Reply, Turn } from './types.ts';
import { detectLanguage, localeLanguage } from './language.ts';

export interface AssistantDeps {
  pool: pg.Pool;
  answerer: Answerer;
  searcher: Searcher;
  config: Config;
  logger: Logger;
}

export interface ClosableAssistant extends Assistant {
  close(): Promise<void>;
}

export async function createAssistant(deps: AssistantDeps): Promise<ClosableAssistant> {
  return {
    async handle(turn: Turn): Promise<Reply> {
      const language = detectLanguage(turn.text, localeLanguage(turn.locale));
      const a = await deps.answerer.ask(turn.text, { audience: turn.audience, language });
      return { id: randomUUID(), kind: 'answer', text: a.text, answered: a.answered, language: a.language, citations: a.citations };
    },
    async feedback(_input: FeedbackInput): Promise<void> {},
    async municipalities(): Promise<MunicipalityInfo[]> {
      return [];
    },
    async close() {},
  };
}
