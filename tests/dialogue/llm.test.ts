/**
 * LLM mode through the real @langchain/openai client against a local OpenAI-compatible server.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/store/db.ts';
import { createDialogueStores } from '../../src/store/dialogue-stores.ts';
import { createLlmStack } from '../../src/answer/llm-stack.ts';
import { createAssistant, type ClosableAssistant } from '../../src/dialogue/assistant.ts';
import { t } from '../../src/kernel/i18n/index.ts';
import { fill, formatPassages, loadPrompts } from '../../src/answer/llm-prompts.ts';
import { silentLogger } from '../../src/kernel/log.ts';
import { FakeAnswerer, FakeSearcher, hit, seedDocuments, testConfig, turn, uniqueUser } from './helpers.ts';
import { startFakeOpenAI, type ChatRequest, type FakeOpenAI } from './openai-server.ts';

let db: Database;
let server: FakeOpenAI;
let assistant: ClosableAssistant;
const answerer = new FakeAnswerer();
const hits = [
  hit(1, 'Yhdistysillat pidetään helmikuussa ja lokakuussa.'),
  hit(2, 'Toiminta-avustuksen hakuaika päättyy 31.3.2027 klo 16.'),
  hit(3, 'Hakemukseen liitetään talousarvio ja toimintasuunnitelma.'),
];
const searcher = new FakeSearcher(hits);
const prompts = loadPrompts();

const isCondense = (r: ChatRequest) => !r.messages.some((m) => m.role === 'system');
const answerRequests = () => server.requests.filter((r) => !isCondense(r));

async function modeOf(answerId: string): Promise<string> {
  const { rows } = await db.pool.query('SELECT mode FROM query_log WHERE answer_id = $1', [answerId]);
  return rows[0]?.mode;
}

beforeAll(async () => {
  server = await startFakeOpenAI();
  db = await openDatabase({ dataDir: 'memory' });
  await seedDocuments(db.pool);
  const config = testConfig({
    KUMPPANI_ANSWER_MODE: 'llm',
    LLM_PROVIDER: 'openai',
    LLM_MODEL: 'local-test-model',
    OPENAI_API_KEY: 'test-key',
    OPENAI_BASE_URL: server.url,
    LLM_TIMEOUT_MS: '1000',
  });
  assistant = await createAssistant({
    stores: createDialogueStores(db.pool),
    answerer,
    llm: createLlmStack({ config, searcher, fallback: answerer, logger: silentLogger }),
    config,
    logger: silentLogger,
    retentionJob: false,
  });
});
afterAll(async () => {
  await assistant.close();
  await db.close();
  await server.close();
});
beforeEach(() => {
  server.requests.length = 0;
  searcher.hits = hits;
});

describe('LLM answers', () => {
  it('gives the model only the numbered passages and the question, with the language’s prompt', async () => {
    server.respond = () => ({ content: 'Haku päättyy 31.3.2027 [2].' });
    const userId = 'secret-user-id-123';
    const question = 'Milloin Routasalmen avustushaku päättyy?';
    await assistant.handle(turn(question, { userId, conversationId: 'secret-conversation-9' }));
    const req = answerRequests()[0]!;
    expect(req.model).toBe('local-test-model');
    expect(req.messages).toEqual([
      { role: 'system', content: prompts.fi.system },
      { role: 'user', content: fill(prompts.fi.answer, { passages: formatPassages(hits), question }) },
    ]);
    const user = req.messages[1]!.content;
    for (const h of hits) expect(user).toContain(h.text);
    expect(JSON.stringify(req)).not.toContain('secret-user-id-123');
    expect(JSON.stringify(req)).not.toContain('secret-conversation-9');
    expect(searcher.calls.at(-1)!.opts.municipality).toBe('Routasalmi');
  });

  it('maps [n] to real citations, renumbered in order of use', async () => {
    server.respond = () => ({
      content: 'Haku päättyy 31.3.2027 klo 16 [2]. Liitteeksi tarvitaan talousarvio [3][2].',
    });
    const r = await assistant.handle(
      turn('Milloin Routasalmen avustushaku päättyy?', { userId: uniqueUser() }),
    );
    expect(r.answered).toBe(true);
    expect(r.text).toContain('Haku päättyy 31.3.2027 klo 16 [1]. Liitteeksi tarvitaan talousarvio [2][1].');
    expect(r.citations.map((c) => c.source)).toEqual([hits[1]!.source, hits[2]!.source]);
    expect(r.citations[0]).toMatchObject({
      title: hits[1]!.title,
      section: hits[1]!.section,
      municipality: 'Routasalmi',
      date: '2026-03-01',
    });
    expect(await modeOf(r.id)).toBe('llm');
  });

  it('drops citations that point to no passage', async () => {
    server.respond = () => ({ content: 'Haku päättyy 31.3.2027 [2]. Avustus on 5000 euroa [7].' });
    const r = await assistant.handle(
      turn('Milloin Routasalmen avustushaku päättyy?', { userId: uniqueUser() }),
    );
    expect(r.text).toContain('Haku päättyy 31.3.2027 [1]. Avustus on 5000 euroa.');
    expect(r.text).not.toContain('[7]');
    expect(r.citations).toHaveLength(1);
  });

  it('says it does not know when the model refuses, naming the contact person', async () => {
    server.respond = () => ({ content: 'NO_ANSWER' });
    const r = await assistant.handle(
      turn('Saako Routasalmella pitää kuutamokonsertin?', { userId: uniqueUser() }),
    );
    expect(r.answered).toBe(false);
    expect(r.citations).toEqual([]);
    expect(r.text).toContain('Anna Yhteys');
    // The composer found something, the model says it does not answer: the refusal wins.
    const r2 = await assistant.handle(
      turn('Milloin Routasalmen avustushaku päättyy?', { userId: uniqueUser() }),
    );
    expect(r2.answered).toBe(false);
    expect(r2.text).toContain(
      t('fi', 'answer.notFound', {
        where: t('fi', 'answer.where', { municipality: 'Routasalmi' }),
        searched: '',
      }).split('.')[0],
    );
    expect(r2.text).not.toContain('extractive:');
  });

  it('answers in the question’s language with that language’s prompt', async () => {
    server.respond = () => ({ content: 'Ansökningstiden går ut 31.3.2027 [2].' });
    const r = await assistant.handle(
      turn('När går ansökningstiden ut i Routasalmi?', { userId: uniqueUser() }),
    );
    expect(r.language).toBe('sv');
    expect(answerRequests()[0]!.messages[0]!.content).toBe(prompts.sv.system);
    expect(r.text).toContain('Ansökningstiden går ut 31.3.2027 [1].');
  });
});

describe('fallback to the extractive answer', () => {
  it('on timeout', async () => {
    server.respond = () => ({ content: 'liian myöhään [1]', delayMs: 4000 });
    const r = await assistant.handle(
      turn('Milloin Routasalmen avustushaku päättyy?', { userId: uniqueUser() }),
    );
    expect(r.answered).toBe(true);
    expect(r.text).toContain('extractive: Milloin Routasalmen avustushaku päättyy?');
    expect(r.text).not.toContain('liian myöhään');
    expect(await modeOf(r.id)).toBe('llm-fallback');
  });

  it('on a provider error (HTTP 500)', async () => {
    server.respond = () => ({ status: 500 });
    const r = await assistant.handle(
      turn('Milloin Routasalmen avustushaku päättyy?', { userId: uniqueUser() }),
    );
    expect(r.kind).toBe('answer');
    expect(r.text).toContain('extractive: Milloin Routasalmen avustushaku päättyy?');
    expect(await modeOf(r.id)).toBe('llm-fallback');
  });

  it('when the model cites nothing (an unsourced answer is never shown)', async () => {
    server.respond = () => ({ content: 'Haku päättyy varmaankin keväällä.' });
    const r = await assistant.handle(
      turn('Milloin Routasalmen avustushaku päättyy?', { userId: uniqueUser() }),
    );
    expect(r.text).not.toContain('varmaankin');
    expect(r.text).toContain('extractive:');
  });

  it('without passages the model is not asked at all', async () => {
    searcher.hits = [];
    server.respond = () => ({ content: 'keksitty [1]' });
    const r = await assistant.handle(
      turn('Milloin Routasalmen avustushaku päättyy?', { userId: uniqueUser() }),
    );
    expect(answerRequests()).toHaveLength(0);
    expect(r.text).toContain('extractive:');
  });
});

describe('streaming', () => {
  it('streams partial text with citations already mapped, then the final reply', async () => {
    server.respond = () => ({ chunks: ['Haku ', 'päättyy ', '31.3.2027 [', '2', ']. Liitteet [', '3].'] });
    const partials: string[] = [];
    const r = await assistant.handleStream!(
      turn('Milloin Routasalmen avustushaku päättyy?', { userId: uniqueUser() }),
      (p) => partials.push(p),
    );
    expect(answerRequests()[0]!.stream).toBe(true);
    expect(partials.length).toBeGreaterThan(2);
    for (const p of partials) {
      expect(p).not.toMatch(/\[[\d,\s]*$/); // an unfinished marker is held back
      expect(p).not.toContain('31.3.2027 [2]'); // markers arrive already renumbered
      expect(p).not.toContain('[3]');
    }
    expect(partials.at(-1)).toBe('Haku päättyy 31.3.2027 [1]. Liitteet [2].');
    expect(r.text).toContain('Haku päättyy 31.3.2027 [1]. Liitteet [2].');
    expect(r.citations.map((c) => c.source)).toEqual([hits[1]!.source, hits[2]!.source]);
  });

  it('does not stream a refusal sentinel', async () => {
    server.respond = () => ({ chunks: ['NO_', 'ANS', 'WER'] });
    const partials: string[] = [];
    const r = await assistant.handleStream!(
      turn('Saako Routasalmella pitää kuutamokonsertin?', { userId: uniqueUser() }),
      (p) => partials.push(p),
    );
    expect(partials.join('')).not.toContain('NO_');
    expect(r.answered).toBe(false);
  });
});

describe('LLM condensing of follow-ups', () => {
  it('lets the model rewrite the follow-up, and takes the municipality from the rewrite', async () => {
    server.respond = (req) =>
      isCondense(req)
        ? { content: 'Milloin Kaislaniemen avustushaku päättyy?' }
        : { content: 'Haku päättyy 31.3.2027 [2].' };
    const userId = uniqueUser();
    await assistant.handle(turn('Milloin Routasalmen avustushaku päättyy?', { userId }));
    server.requests.length = 0;
    await assistant.handle(turn('no entäs siellä toisessa, Kaislaniemellä?', { userId }));
    const condense = server.requests.find(isCondense)!;
    expect(condense.messages[0]!.content).toContain('Milloin Routasalmen avustushaku päättyy?');
    expect(condense.messages[0]!.content).toContain('no entäs siellä toisessa, Kaislaniemellä?');
    expect(answerRequests()[0]!.messages[1]!.content).toContain(
      'Kysymys: Milloin Kaislaniemen avustushaku päättyy?',
    );
    expect(searcher.calls.at(-1)!.opts.municipality).toBe('Kaislaniemi');
  });

  it('falls back to the rule-based condenser when the model fails', async () => {
    server.respond = (req) =>
      isCondense(req) ? { status: 500 } : { content: 'Haku päättyy 31.3.2027 [2].' };
    const userId = uniqueUser();
    await assistant.handle(turn('Milloin Routasalmen avustushaku päättyy?', { userId }));
    await assistant.handle(turn('entä Kaislaniemen?', { userId }));
    expect(answerRequests().at(-1)!.messages[1]!.content).toContain(
      'Kysymys: Milloin Kaislaniemen avustushaku päättyy?',
    );
    expect(searcher.calls.at(-1)!.opts.municipality).toBe('Kaislaniemi');
  });
});
