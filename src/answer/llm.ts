/**
 * LLM answers (KUMPPANI_ANSWER_MODE=llm) through any LangChain chat model. The model sees only
 * the retrieved passages, numbered, and the question; it must cite passages as [1], [2] and say
 * NO_ANSWER when they do not answer. Its markers are mapped to real citations (markers pointing
 * nowhere are dropped). A timeout, a provider error or an answer that cites nothing falls back
 * to the extractive answer: never silence, never an unsourced claim. A Swedish or English question
 * is also translated into Finnish by the model (`llm-translate.ts`) and searched in both forms.
 */
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { HumanMessage, SystemMessage, type BaseMessage } from '@langchain/core/messages';
import type { Block, Citation } from '../kernel/types.ts';
import { t } from '../kernel/i18n/index.ts';
import type { Logger } from '../kernel/log.ts';
import type { SearchHit, Searcher } from '../retrieval/types.ts';
import type { Answer, Answerer } from './types.ts';
import type { Question } from './question.ts';
import { fill, formatPassages, type PromptLibrary } from './llm-prompts.ts';
import { citedBlocks, isRefusal, NO_ANSWER, renumberCitations } from './llm-citations.ts';
import { plainText } from '../kernel/blocks.ts';
import { createLlmTranslator, type Translator } from './llm-translate.ts';
import { KumppaniError } from '../kernel/errors.ts';

/**
 * How an answer was made: by the extractive composer, the model, the composer after the model
 * failed, or from the documents' calendar ("what deadlines are coming up?").
 */
export type AnswerMode = 'extractive' | 'llm' | 'llm-fallback' | 'calendar';

export interface ModeAnswer extends Answer {
  mode: AnswerMode;
}

/** An answerer that can stream partial text, over the question the dialogue understood. */
export interface StreamingAnswerer {
  answer(question: Question, onToken?: (partial: string) => void): Promise<ModeAnswer>;
}

export interface LlmAnswererDeps {
  model: BaseChatModel;
  searcher: Searcher;
  /** The extractive answerer: the fallback, and the source of the contact person for refusals. */
  fallback: Answerer;
  prompts: PromptLibrary;
  timeoutMs: number;
  logger: Logger;
  /** Passages given to the model (default 6). */
  passages?: number;
  /** Translates sv/en questions into Finnish for search (default: the model, with translate.md). */
  translator?: Translator;
}

/** How long the translation may take: it delays the answer, and the question works untranslated. */
const TRANSLATE_TIMEOUT_MS = 10_000;

/** Hits of several searches, each chunk once with its best score, best first. */
export function mergeHits(lists: SearchHit[][], limit: number): SearchHit[] {
  const best = new Map<number, SearchHit>();
  for (const list of lists)
    for (const h of list) {
      const prev = best.get(h.chunkId);
      if (!prev || h.score > prev.score) best.set(h.chunkId, h);
    }
  return [...best.values()].sort((a, b) => b.score - a.score || a.chunkId - b.chunkId).slice(0, limit);
}

/** Thrown (and caught here) when the model does not answer within the timeout. */
export class LlmTimeoutError extends KumppaniError {
  constructor(ms: number) {
    super('KUMPPANI_LLM_TIMEOUT', `The language model did not answer within ${ms} ms (LLM_TIMEOUT_MS).`);
  }
}

/** Runs `work` with an abort signal that fires after `ms`; rejects with LlmTimeoutError then. */
export async function withTimeout<T>(ms: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort(new LlmTimeoutError(ms));
      reject(new LlmTimeoutError(ms));
    }, ms);
  });
  try {
    return await Promise.race([work(controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Plain text of a message's content (string or content blocks). */
export function contentText(content: BaseMessage['content']): string {
  if (typeof content === 'string') return content;
  return content
    .map((part) =>
      typeof part === 'string' ? part : part.type === 'text' && 'text' in part ? String(part.text) : '',
    )
    .join('');
}

export function hitToCitation(h: SearchHit): Citation {
  return {
    source: h.source,
    title: h.title,
    section: h.section,
    page: h.page,
    url: h.url,
    municipality: h.municipality,
    date: h.date,
    quote: firstSentences(h.text, 300),
    score: h.score,
  };
}

function firstSentences(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  const end = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('? '), cut.lastIndexOf('! '));
  return end > 40 ? cut.slice(0, end + 1) : `${cut.trimEnd()}…`;
}

/** Could `text` still become the refusal sentinel? Then it must not be streamed yet. */
function mayBeRefusal(text: string): boolean {
  const s = text.trim();
  return s.includes(NO_ANSWER) || NO_ANSWER.startsWith(s.slice(0, NO_ANSWER.length));
}

export function createLlmAnswerer(deps: LlmAnswererDeps): StreamingAnswerer {
  const limit = deps.passages ?? 6;
  const translate =
    deps.translator ??
    createLlmTranslator({
      model: deps.model,
      prompts: deps.prompts,
      timeoutMs: Math.min(deps.timeoutMs, TRANSLATE_TIMEOUT_MS),
      logger: deps.logger,
    });

  async function fallback(q: Question, mode: AnswerMode): Promise<ModeAnswer> {
    return { ...(await deps.fallback.answer(q)), mode };
  }

  async function callModel(
    messages: BaseMessage[],
    passageCount: number,
    onToken?: (p: string) => void,
  ): Promise<string> {
    return withTimeout(deps.timeoutMs, async (signal) => {
      if (!onToken) return contentText((await deps.model.invoke(messages, { signal })).content);
      let acc = '';
      for await (const chunk of await deps.model.stream(messages, { signal })) {
        acc += contentText(chunk.content);
        if (!mayBeRefusal(acc)) onToken(renumberCitations(acc, passageCount, true).text);
      }
      return acc;
    });
  }

  return {
    async answer(q, onToken) {
      const question = q.text;
      const language = q.replyLanguage;
      let hits: SearchHit[];
      try {
        const scope = { municipality: q.municipality, audience: q.audience, limit };
        const asked = q.language;
        // The documents are mostly Finnish: a sv/en question is searched as asked and in Finnish.
        const finnish = asked === 'fi' ? undefined : await translate(question, asked);
        hits = finnish
          ? mergeHits(
              await Promise.all([
                deps.searcher.search(question, scope),
                deps.searcher.search(finnish, { ...scope, language: 'fi' }),
              ]),
              limit,
            )
          : await deps.searcher.search(question, scope);
      } catch (err) {
        deps.logger.error({ err }, 'search for LLM passages failed; answering extractively');
        return fallback(q, 'llm-fallback');
      }
      // Nothing retrieved: nothing to ground a model answer in. The extractive refusal names the contact.
      if (hits.length === 0) return fallback(q, 'extractive');

      const prompt = deps.prompts[language];
      const messages = [
        new SystemMessage(prompt.system),
        new HumanMessage(fill(prompt.answer, { passages: formatPassages(hits), question })),
      ];
      let raw: string;
      try {
        raw = await callModel(messages, hits.length, onToken);
      } catch (err) {
        deps.logger.warn(
          { err: (err as Error).message, kind: (err as Error).name },
          'LLM answer failed; answering extractively',
        );
        return fallback(q, 'llm-fallback');
      }

      if (isRefusal(raw)) {
        const fb = await deps.fallback.answer(q);
        if (!fb.answered) return { ...fb, mode: 'llm' };
        // The composer found sentences but the model judged they do not answer: trust the refusal.
        const where = q.municipality ? t(language, 'answer.where', { municipality: q.municipality }) : '';
        const refusal: Block = {
          kind: 'refusal',
          text: t(language, 'answer.notFound', { where, searched: fb.searched.join(', ') }),
          searched: fb.searched,
          // The contact is named, but its passage is not kept as a source here.
          ...(fb.contact
            ? { contact: { text: t(language, 'answer.notFoundContact', { contact: fb.contact }), cite: [] } }
            : {}),
        };
        const blocks = [refusal];
        return { ...fb, blocks, text: plainText(blocks), answered: false, citations: [], mode: 'llm' };
      }

      const { text, used } = renumberCitations(raw, hits.length);
      if (used.length === 0) {
        deps.logger.warn({ passages: hits.length }, 'LLM answer cited no passage; answering extractively');
        return fallback(q, 'llm-fallback');
      }
      const blocks = citedBlocks(text);
      return {
        blocks,
        text: plainText(blocks),
        answered: true,
        language,
        citations: used.map((i) => hitToCitation(hits[i]!)),
        hits,
        searched: [],
        mode: 'llm',
      };
    },
  };
}
