/**
 * One prompt, one line back: what the condenser and the translator both ask of the model. The
 * reply's first line without a label or quotes the model may add; undefined on timeout, error or
 * an unusable reply (empty, over-long, the model's "no answer"), logged, so the caller falls back.
 */
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { HumanMessage } from '@langchain/core/messages';
import type { Logger } from '../kernel/log.ts';
import { contentText, withTimeout } from './llm.ts';
import { NO_ANSWER } from './llm-citations.ts';

export interface OneLineDeps {
  model: BaseChatModel;
  timeoutMs: number;
  logger: Logger;
}

export async function askForOneLine(
  deps: OneLineDeps,
  prompt: string,
  opts: { labels: RegExp; onFailure: string },
): Promise<string | undefined> {
  try {
    const reply = await withTimeout(deps.timeoutMs, async (signal) =>
      contentText((await deps.model.invoke([new HumanMessage(prompt)], { signal })).content),
    );
    const line = reply
      .split('\n')
      .map((l) => l.trim())
      .find(Boolean)
      ?.replace(opts.labels, '')
      .replace(/^["'«»“”]+|["'«»“”]+$/g, '')
      .trim();
    if (!line || line.length > 500 || line.includes(NO_ANSWER)) return undefined;
    return line;
  } catch (err) {
    deps.logger.warn({ err: (err as Error).message }, opts.onFailure);
    return undefined;
  }
}
