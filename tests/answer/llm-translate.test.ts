/**
 * With an LLM configured, a Swedish or English question is translated into Finnish before search
 * and searched in both forms; a failed or slow translation leaves the question as asked.
 */
import { describe, expect, it } from 'vitest';
import { FakeListChatModel } from '@langchain/core/utils/testing';
import { createLlmTranslator } from '../../src/answer/llm-translate.ts';
import { createLlmAnswerer, mergeHits } from '../../src/answer/llm.ts';
import { fill, loadPrompts } from '../../src/answer/llm-prompts.ts';
import { silentLogger } from '../../src/kernel/log.ts';
import type { SearchHit, SearchOptions, Searcher } from '../../src/retrieval/types.ts';
import { FakeAnswerer, hit } from '../dialogue/helpers.ts';

const prompts = loadPrompts();

/** Answers each query with its own hits, and records the queries. */
class QuerySearcher implements Searcher {
  calls: Array<{ query: string; opts: SearchOptions }> = [];
  constructor(private readonly byQuery: (q: string) => SearchHit[]) {}
  async search(query: string, opts: SearchOptions): Promise<SearchHit[]> {
    this.calls.push({ query, opts });
    return this.byQuery(query);
  }
}

const translator = (responses: string[], sleep?: number) =>
  createLlmTranslator({
    model: new FakeListChatModel({ responses, sleep }),
    prompts,
    timeoutMs: 100,
    logger: silentLogger,
  });

describe('the translator', () => {
  it('has a prompt for Swedish and English, none for Finnish', () => {
    expect(prompts.sv.translate).toContain('{question}');
    expect(prompts.en.translate).toContain('{question}');
    expect(prompts.fi.translate).toBeUndefined();
  });

  it('returns the model’s Finnish question, without a label or quotes', async () => {
    const t = translator(['Finnish: "Milloin Pohjois-Pohjanmaan hyvinvointisopimus allekirjoitettiin?"\n']);
    expect(await t('When was the North Ostrobothnia welfare agreement signed?', 'en')).toBe(
      'Milloin Pohjois-Pohjanmaan hyvinvointisopimus allekirjoitettiin?',
    );
  });

  it('leaves Finnish questions alone, and gives up on a slow model or an echo', async () => {
    expect(await translator(['Milloin?'])('Milloin haku päättyy?', 'fi')).toBeUndefined();
    expect(await translator(['Milloin?'], 500)('When does it end?', 'en')).toBeUndefined();
    expect(await translator(['When does it end?'])('When does it end?', 'en')).toBeUndefined();
  });
});

describe('LLM answers to a sv/en question', () => {
  const english = 'When was the North Ostrobothnia welfare agreement signed?';
  const finnish = 'Milloin Pohjois-Pohjanmaan hyvinvointisopimus allekirjoitettiin?';
  const asked = [hit(1, 'The agreement covers associations.', { score: 0.5 })];
  const translated = [
    hit(2, 'Hyvinvointisopimus allekirjoitettiin 31.10.2019 Ylivieskassa.', { score: 0.9 }),
  ];
  const searcher = () => new QuerySearcher((q) => (q === finnish ? translated : asked));

  it('searches both the question and its Finnish translation, best passage first', async () => {
    const s = searcher();
    const model = new FakeListChatModel({ responses: [finnish, 'It was signed on 31.10.2019 [1].'] });
    const answerer = createLlmAnswerer({
      model,
      searcher: s,
      fallback: new FakeAnswerer(),
      prompts,
      timeoutMs: 1000,
      logger: silentLogger,
    });
    const r = await answerer.answer(await new FakeAnswerer().understand(english, { audience: 'public' }));
    expect(s.calls.map((c) => [c.query, c.opts.language])).toEqual([
      [english, undefined],
      [finnish, 'fi'],
    ]);
    expect(r.mode).toBe('llm');
    expect(r.citations[0]!.source).toBe(translated[0]!.source);
    expect(r.hits.map((h) => h.chunkId)).toEqual([2, 1]);
  });

  it('searches the question as asked when the translation fails', async () => {
    const s = searcher();
    const answerer = createLlmAnswerer({
      model: new FakeListChatModel({ responses: ['It says [1].'] }),
      searcher: s,
      fallback: new FakeAnswerer(),
      prompts,
      timeoutMs: 1000,
      logger: silentLogger,
      translator: async () => undefined,
    });
    const r = await answerer.answer(await new FakeAnswerer().understand(english, { audience: 'public' }));
    expect(s.calls.map((c) => c.query)).toEqual([english]);
    expect(r.answered).toBe(true);
  });

  it('asks the model to translate with the language’s prompt', async () => {
    const seen: string[] = [];
    const model = new FakeListChatModel({ responses: ['Milloin haku päättyy?'] });
    const original = model.invoke.bind(model);
    model.invoke = (async (
      messages: Parameters<typeof original>[0],
      options?: Parameters<typeof original>[1],
    ) => {
      seen.push(JSON.stringify(messages));
      return original(messages, options);
    }) as typeof model.invoke;
    const t = createLlmTranslator({ model, prompts, timeoutMs: 1000, logger: silentLogger });
    await t('När går ansökningstiden ut?', 'sv');
    expect(seen[0]).toContain(
      JSON.stringify(fill(prompts.sv.translate!, { question: 'När går ansökningstiden ut?' })).slice(1, -1),
    );
  });
});

describe('merging the two searches', () => {
  it('keeps each chunk once with its best score', () => {
    const a = [hit(1, 'a', { score: 0.4 }), hit(2, 'b', { score: 0.8 })];
    const b = [hit(1, 'a', { score: 0.9 }), hit(3, 'c', { score: 0.1 })];
    expect(mergeHits([a, b], 2).map((h) => [h.chunkId, h.score])).toEqual([
      [1, 0.9],
      [2, 0.8],
    ]);
  });
});
