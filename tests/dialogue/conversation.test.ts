import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type pg from 'pg';
import type { Database } from '../../src/store/db.ts';
import { createDialogueStores } from '../../src/store/dialogue-stores.ts';
import { createAssistant, type ClosableAssistant } from '../../src/dialogue/assistant.ts';
import { t } from '../../src/kernel/i18n/index.ts';
import { silentLogger } from '../../src/kernel/log.ts';
import { FakeAnswerer, seedDocuments, testConfig, turn, uniqueUser } from './helpers.ts';
import { describeEachBackend } from '../helpers/backends.ts';

// Sessions, the query log, feedback and retention are SQL: on the embedded database and on a server.
describeEachBackend('the dialogue', (backend) => {
  let db: Database;
  let answerer: FakeAnswerer;
  let assistant: ClosableAssistant;

  async function make(): Promise<ClosableAssistant> {
    return createAssistant({
      stores: createDialogueStores(db.pool),
      answerer,
      config: testConfig(),
      logger: silentLogger,
      retentionJob: false,
    });
  }

  beforeAll(async () => {
    db = await backend.open({}, 'conversation');
    await seedDocuments(db.pool);
    answerer = new FakeAnswerer();
    assistant = await make();
  });
  afterAll(async () => {
    await assistant?.close();
    await db?.close();
  });

  describe('follow-up questions', () => {
    it('swaps the municipality: "entä Lahden?" asks the previous question about Lahti', async () => {
      const userId = uniqueUser();
      const first = await assistant.handle(turn('Milloin Iisalmen avustushaku päättyy?', { userId }));
      expect(answerer.last.opts.municipality).toBe('Iisalmi');
      expect(first.municipality).toBe('Iisalmi');
      const second = await assistant.handle(turn('entä Lahden?', { userId }));
      expect(answerer.last.question).toBe('Milloin Lahden avustushaku päättyy?');
      expect(answerer.last.opts.municipality).toBe('Lahti');
      expect(second.municipality).toBe('Lahti');
      expect(second.text).toContain('Milloin Lahden avustushaku päättyy?');
      // A chain of follow-ups keeps working from the condensed question.
      await assistant.handle(turn('Entä Routasalmella?', { userId }));
      expect(answerer.last.question).toBe('Milloin Routasalmella avustushaku päättyy?');
      expect(answerer.last.opts.municipality).toBe('Routasalmi');
    });

    it('carries over the subject and the municipality: "mitä liitteitä siihen tarvitaan?"', async () => {
      const userId = uniqueUser();
      await assistant.handle(turn('Milloin Routasalmen avustushaku päättyy?', { userId }));
      await assistant.handle(turn('mitä liitteitä siihen tarvitaan?', { userId }));
      expect(answerer.last.question.toLowerCase()).toContain('liitteitä');
      expect(answerer.last.question.toLowerCase()).toContain('avustushaku');
      expect(answerer.last.question).not.toContain('siihen');
      expect(answerer.last.opts.municipality).toBe('Routasalmi');
    });

    it('keeps the municipality when the subject changes after a marker: "entä tilat?"', async () => {
      const userId = uniqueUser();
      await assistant.handle(turn('Milloin Kaislaniemen avustushaku päättyy?', { userId }));
      await assistant.handle(turn('Entä tilat?', { userId }));
      expect(answerer.last.question.toLowerCase()).toContain('tilat');
      expect(answerer.last.question.toLowerCase()).not.toContain('avustushaku');
      expect(answerer.last.opts.municipality).toBe('Kaislaniemi');
    });

    it('follows up in Swedish and English too', async () => {
      const sv = uniqueUser();
      await assistant.handle(turn('När går ansökningstiden ut i Närpes?', { userId: sv }));
      const r = await assistant.handle(turn('Och i Vasa?', { userId: sv }));
      expect(answerer.last.question).toBe('När går ansökningstiden ut i Vasa?');
      expect(answerer.last.opts.municipality).toBe('Vaasa');
      expect(r.municipality).toBe('Vasa');
      expect(r.language).toBe('sv');
      const en = uniqueUser();
      await assistant.handle(turn('When does the grant application period end in Espoo?', { userId: en }));
      await assistant.handle(turn('What about Vantaa?', { userId: en }));
      expect(answerer.last.question).toBe('When does the grant application period end in Vantaa?');
      expect(answerer.last.opts.municipality).toBe('Vantaa');
    });

    it('survives a restart: a new assistant on the same database continues the conversation', async () => {
      const userId = uniqueUser();
      await assistant.handle(turn('/kunta Routasalmi', { userId }));
      await assistant.handle(turn('Milloin avustushaku päättyy?', { userId }));
      const restarted = await make();
      try {
        await restarted.handle(turn('mitä liitteitä siihen tarvitaan?', { userId }));
        expect(answerer.last.question.toLowerCase()).toContain('avustushaku');
        expect(answerer.last.opts.municipality).toBe('Routasalmi');
      } finally {
        await restarted.close();
      }
    });
  });

  describe('municipality switching', () => {
    it('uses a municipality named in the question for that question only', async () => {
      const userId = uniqueUser();
      await assistant.handle(turn('/kunta Kaislaniemi', { userId }));
      await assistant.handle(turn('Milloin Routasalmen avustushaku päättyy?', { userId }));
      expect(answerer.last.opts.municipality).toBe('Routasalmi');
      await assistant.handle(turn('Kuka on järjestöyhdyshenkilö?', { userId }));
      expect(answerer.last.opts.municipality).toBe('Kaislaniemi');
    });

    it('takes a button press (structured command) like a typed command', async () => {
      const userId = uniqueUser();
      const r = await assistant.handle(
        turn('', { userId, command: { kind: 'set-municipality', municipality: 'Routasalmi' } }),
      );
      expect(r.kind).toBe('command');
      expect(r.municipality).toBe('Routasalmi');
      await assistant.handle(turn('Kuka on yhdyshenkilö?', { userId }));
      expect(answerer.last.opts.municipality).toBe('Routasalmi');
      await assistant.handle(turn('', { userId, command: { kind: 'set-municipality', municipality: null } }));
      await assistant.handle(turn('Kuka on yhdyshenkilö?', { userId }));
      expect(answerer.last.opts.municipality).toBeNull();
    });

    it('searches every municipality when a question names several or asks across municipalities', async () => {
      const userId = uniqueUser();
      await assistant.handle(turn('/kunta Kaislaniemi', { userId }));
      await assistant.handle(turn('Vertaa Iisalmen ja Lahden tilamaksuja', { userId }));
      expect(answerer.last.opts.municipality).toBeNull();
      await assistant.handle(turn('Missä kunnissa on nimetty järjestöyhdyshenkilö?', { userId }));
      expect(answerer.last.opts.municipality).toBeNull();
      await assistant.handle(turn('Kuka on järjestöyhdyshenkilö?', { userId }));
      expect(answerer.last.opts.municipality).toBe('Kaislaniemi');
    });

    it('passes the index’s spelling to the search and says when a municipality has no documents', async () => {
      const userId = uniqueUser();
      const r = await assistant.handle(turn('Milloin Iisalmen avustushaku päättyy?', { userId }));
      expect(r.text).toContain(t('fi', 'dialogue.answer.noDocuments', { municipality: 'Iisalmi' }));
      const withDocs = await assistant.handle(turn('Milloin Routasalmen avustushaku päättyy?', { userId }));
      expect(withDocs.text).not.toContain(
        t('fi', 'dialogue.answer.noDocuments', { municipality: 'Routasalmi' }),
      );
      expect(withDocs.text.split('\n')[0]).toBe(
        t('fi', 'dialogue.answer.municipality', { municipality: 'Routasalmi' }),
      );
    });

    it('keeps the choice per user in private chats and per conversation (or thread) in group chats', async () => {
      const group = `group-${uniqueUser()}`;
      const [a, b, c] = [uniqueUser('a'), uniqueUser('b'), uniqueUser('c')];
      await assistant.handle(turn('/kunta Routasalmi', { userId: a, conversationId: group, isGroup: true }));
      await assistant.handle(
        turn('Kuka on yhdyshenkilö?', { userId: b, conversationId: group, isGroup: true }),
      );
      expect(answerer.last.opts.municipality).toBe('Routasalmi');
      // A thread of the group may choose its own; the rest of the group keeps the group's.
      await assistant.handle(
        turn('/kunta Kaislaniemi', { userId: c, conversationId: group, threadId: 't1', isGroup: true }),
      );
      await assistant.handle(
        turn('Kuka on yhdyshenkilö?', { userId: a, conversationId: group, threadId: 't1', isGroup: true }),
      );
      expect(answerer.last.opts.municipality).toBe('Kaislaniemi');
      await assistant.handle(
        turn('Kuka on yhdyshenkilö?', { userId: b, conversationId: group, threadId: 't2', isGroup: true }),
      );
      expect(answerer.last.opts.municipality).toBe('Routasalmi');
      // In a private chat, one user's choice is theirs alone, even in a shared conversation id.
      const shared = `web-${uniqueUser()}`;
      await assistant.handle(turn('/kunta Routasalmi', { userId: a, conversationId: shared }));
      await assistant.handle(turn('Kuka on yhdyshenkilö?', { userId: b, conversationId: shared }));
      expect(answerer.last.opts.municipality).toBeNull();
    });
  });

  describe('languages', () => {
    it('detects fi/sv/en per message and answers in that language', async () => {
      const userId = uniqueUser();
      const fi = await assistant.handle(turn('Milloin toiminta-avustuksen haku päättyy?', { userId }));
      expect(fi.language).toBe('fi');
      expect(answerer.last.opts.language).toBe('fi');
      const sv = await assistant.handle(
        turn('När går ansökningstiden för verksamhetsbidrag ut?', { userId }),
      );
      expect(sv.language).toBe('sv');
      expect(answerer.last.opts.language).toBe('sv');
      const en = await assistant.handle(
        turn('When does the operating grant application period end?', { userId }),
      );
      expect(en.language).toBe('en');
      expect(answerer.last.opts.language).toBe('en');
    });

    it('lets an explicit language choice win for very short texts, not for full questions', async () => {
      const userId = uniqueUser();
      await assistant.handle(turn('/kieli sv', { userId }));
      await assistant.handle(turn('Milloin Routasalmen avustushaku päättyy?', { userId }));
      const short = await assistant.handle(turn('entä Kaislaniemen?', { userId }));
      expect(short.language).toBe('sv');
      expect(short.text.split('\n')[0]).toBe(
        // Its Swedish name, as the documents give it (municipality_sv), in a Swedish reply.
        t('sv', 'dialogue.answer.municipality', { municipality: 'Vassnäs' }),
      );
      const long = await assistant.handle(
        turn('Kuka on Routasalmen järjestöyhdyshenkilö ja miten häneen saa yhteyden?', { userId }),
      );
      expect(long.language).toBe('fi');
    });

    it('uses Swedish municipality names in Swedish replies', async () => {
      const r = await assistant.handle(
        turn('Vem är kontaktperson för föreningar i Närpes?', { userId: uniqueUser() }),
      );
      expect(r.language).toBe('sv');
      expect(r.municipality).toBe('Närpes');
      expect(r.text.split('\n')[0]).toBe('Kommun: Närpes');
    });
  });

  describe('bad input and failures', () => {
    it('answers an empty message politely, in the platform locale', async () => {
      const r = await assistant.handle(turn('   ', { userId: uniqueUser(), locale: 'sv-FI' }));
      expect(r.kind).toBe('notice');
      expect(r.text).toBe(t('sv', 'dialogue.empty'));
      expect(r.id).toMatch(/[0-9a-f-]{36}/);
    });

    it('turns a database failure into a polite try-again reply and logs it', async () => {
      const error = vi.fn();
      const logger = {
        ...silentLogger,
        error,
        info: vi.fn(),
        warn: vi.fn(),
      } as unknown as typeof silentLogger;
      const broken = { query: () => Promise.reject(new Error('connection reset')) } as unknown as pg.Pool;
      const a = await createAssistant({
        stores: createDialogueStores(broken),
        answerer,
        config: testConfig({ KUMPPANI_HMAC_KEY: 'k' }),
        logger,
        retentionJob: false,
      });
      const r = await a.handle(turn('När går ansökningstiden ut?', { userId: uniqueUser() }));
      expect(r.kind).toBe('notice');
      expect(r.answered).toBe(false);
      expect(r.language).toBe('sv');
      expect(r.text).toBe(t('sv', 'dialogue.error'));
      expect(error).toHaveBeenCalled();
      await a.close();
    });

    it('remembers a question for follow-ups only when its log row is written, in one statement', async () => {
      // A pool whose query log refuses writes: the session must not keep a turn the log lacks.
      const statements: string[] = [];
      const refusing = {
        query: (q: string | { text: string }, ...rest: unknown[]) => {
          const text = typeof q === 'string' ? q : q.text;
          statements.push(text);
          if (/INSERT INTO query_log/.test(text)) return Promise.reject(new Error('disk full'));
          return (db.pool.query as (...a: unknown[]) => Promise<unknown>).call(db.pool, q, ...rest);
        },
      } as unknown as pg.Pool;
      const a = await createAssistant({
        stores: createDialogueStores(refusing),
        answerer,
        config: testConfig(),
        logger: silentLogger,
        retentionJob: false,
      });
      const userId = uniqueUser();
      const r = await a.handle(turn('Milloin Lahden avustushaku päättyy?', { userId }));
      expect(r.kind).toBe('answer');
      const writes = statements.filter((x) => /INSERT INTO (sessions|query_log)/.test(x));
      expect(writes).toHaveLength(1);
      const remembered = async (answerId: string) =>
        (
          await db.pool.query(
            `SELECT count(*)::int AS n FROM sessions
              WHERE turns @> jsonb_build_array(jsonb_build_object('answerId', $1::text))`,
            [answerId],
          )
        ).rows[0].n;
      expect(await remembered(r.id)).toBe(0);
      const kept = await assistant.handle(turn('Milloin Lahden avustushaku päättyy?', { userId }));
      expect(await remembered(kept.id)).toBe(1);
      await a.close();
    });

    it('never throws for odd turns', async () => {
      const odd = { ...turn('x'), text: undefined as unknown as string };
      await expect(assistant.handle(odd)).resolves.toMatchObject({ kind: 'notice' });
      const long = await assistant.handle(turn('avustus '.repeat(2000), { userId: uniqueUser() }));
      expect(long.kind).toBe('answer');
      expect(answerer.last.question.length).toBeLessThanOrEqual(1000);
    });
  });
});
