import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/store/db.ts';
import { createDialogueStores } from '../../src/store/dialogue-stores.ts';
import { createAssistant, type ClosableAssistant } from '../../src/dialogue/assistant.ts';
import { t } from '../../src/kernel/i18n/index.ts';
import { totals, topicCounts } from '../../src/store/report.ts';
import { silentLogger } from '../../src/kernel/log.ts';
import { FakeAnswerer, seedDocuments, testConfig, turn, uniqueUser } from './helpers.ts';
import { describeEachBackend } from '../helpers/backends.ts';

// Sessions, the query log, feedback and retention are SQL: on the embedded database and on a server.
describeEachBackend('privacy', (backend) => {
  let db: Database;
  let assistant: ClosableAssistant;

  beforeAll(async () => {
    db = await backend.open({}, 'privacy');
    await seedDocuments(db.pool);
    assistant = await createAssistant({
      stores: createDialogueStores(db.pool),
      answerer: new FakeAnswerer(),
      config: testConfig({ KUMPPANI_RETENTION_DAYS: '30' }),
      logger: silentLogger,
      retentionJob: false,
    });
  });
  afterAll(async () => {
    await assistant?.close();
    await db?.close();
  });

  /** Every stored value of the dialogue tables as text, to search for leaked raw ids. */
  async function everything(): Promise<string> {
    const parts: string[] = [];
    for (const table of ['sessions', 'query_log', 'feedback', 'settings']) {
      const { rows } = await db.pool.query(`SELECT row_to_json(x)::text AS j FROM ${table} x`);
      parts.push(...rows.map((r) => r.j as string));
    }
    return parts.join('\n');
  }

  describe('feedback', () => {
    it('stores 👍/👎 with a comment against the answer id, one vote per user', async () => {
      const userId = uniqueUser();
      const r = await assistant.handle(turn('Milloin Routasalmen avustushaku päättyy?', { userId }));
      await assistant.feedback({ answerId: r.id, channel: 'web', userId, vote: 'up' });
      await assistant.feedback({
        answerId: r.id,
        channel: 'web',
        userId,
        vote: 'down',
        comment: 'Päivämäärä puuttui',
      });
      const other = uniqueUser();
      await assistant.feedback({ answerId: r.id, channel: 'web', userId: other, vote: 'up' });
      const { rows } = await db.pool.query(
        'SELECT vote, comment FROM feedback WHERE answer_id = $1 ORDER BY vote',
        [r.id],
      );
      expect(rows).toEqual([
        { vote: 'down', comment: 'Päivämäärä puuttui' },
        { vote: 'up', comment: null },
      ]);
    });

    it('ignores feedback on an unknown answer id and never throws for it', async () => {
      await expect(
        assistant.feedback({ answerId: 'no-such-answer', channel: 'web', userId: uniqueUser(), vote: 'up' }),
      ).resolves.toBeUndefined();
      const { rows } = await db.pool.query(`SELECT 1 FROM feedback WHERE answer_id = 'no-such-answer'`);
      expect(rows).toHaveLength(0);
    });
  });

  describe('query log and pseudonyms', () => {
    it('logs question, condensed query, municipality, language, answered, score, latency, channel', async () => {
      const userId = uniqueUser();
      await assistant.handle(
        turn('Milloin Routasalmen avustushaku päättyy?', { userId, channel: 'telegram' }),
      );
      const r = await assistant.handle(turn('entä Kaislaniemen?', { userId, channel: 'telegram' }));
      const { rows } = await db.pool.query('SELECT * FROM query_log WHERE answer_id = $1', [r.id]);
      expect(rows[0]).toMatchObject({
        channel: 'telegram',
        question: 'entä Kaislaniemen?',
        condensed: 'Milloin Kaislaniemen avustushaku päättyy?',
        municipality: 'Kaislaniemi',
        language: 'fi',
        topic: 'grants',
        answered: true,
        mode: 'extractive',
        sources: ['Kaislaniemi/ohje.md'],
      });
      expect(rows[0].latency_ms).toEqual(expect.any(Number));
      expect(rows[0].user_key).toMatch(/^[0-9a-f]{32}$/);
    });

    it('never stores a raw user, conversation or thread id', async () => {
      const userId = 'raw-telegram-user-4242';
      const conversationId = 'raw-chat-id-777';
      const r = await assistant.handle(
        turn('Kuka on Routasalmen yhdyshenkilö?', {
          userId,
          conversationId,
          threadId: 'raw-thread-9',
          channel: 'telegram',
        }),
      );
      await assistant.feedback({ answerId: r.id, channel: 'telegram', userId, vote: 'up', comment: 'ok' });
      const dump = await everything();
      expect(dump).toContain(r.id);
      expect(dump).not.toContain(userId);
      expect(dump).not.toContain(conversationId);
      expect(dump).not.toContain('raw-thread-9');
    });

    it('keeps one generated pseudonymisation key in settings for every process', async () => {
      const { rows } = await db.pool.query(`SELECT value FROM settings WHERE key = 'dialogue.hmac_key'`);
      expect(rows).toHaveLength(1);
      const second = await createAssistant({
        stores: createDialogueStores(db.pool),
        answerer: new FakeAnswerer(),
        config: testConfig(),
        logger: silentLogger,
        retentionJob: false,
      });
      const userId = uniqueUser();
      await assistant.handle(turn('/kunta Routasalmi', { userId }));
      await second.handle(turn('Kuka on yhdyshenkilö?', { userId }));
      const { rows: log } = await db.pool.query(
        `SELECT municipality FROM query_log ORDER BY created_at DESC LIMIT 1`,
      );
      expect(log[0].municipality).toBe('Routasalmi');
      await second.close();
    });
  });

  describe('retention', () => {
    it('deletes message texts older than KUMPPANI_RETENTION_DAYS but keeps the counts', async () => {
      const userId = uniqueUser();
      const r = await assistant.handle(turn('Paljonko Routasalmen tilat maksavat?', { userId }));
      await assistant.feedback({
        answerId: r.id,
        channel: 'web',
        userId,
        vote: 'down',
        comment: 'Ei vastannut',
      });
      const before = await totals(db.pool, {});
      const topicsBefore = await topicCounts(db.pool, {});

      // Nothing is old yet.
      expect((await assistant.purgeExpired()).questions).toBe(0);
      const later = new Date(Date.now() + 31 * 24 * 60 * 60 * 1000);
      const result = await assistant.purgeExpired(later);
      expect(result.questions).toBeGreaterThanOrEqual(1);

      const { rows } = await db.pool.query(
        'SELECT question, condensed, topic FROM query_log WHERE answer_id = $1',
        [r.id],
      );
      expect(rows[0]).toEqual({ question: null, condensed: null, topic: 'premises' });
      const { rows: fb } = await db.pool.query('SELECT vote, comment FROM feedback WHERE answer_id = $1', [
        r.id,
      ]);
      expect(fb).toEqual([{ vote: 'down', comment: null }]);
      const { rows: sessions } = await db.pool.query(
        `SELECT turns::text AS turns FROM sessions WHERE turns <> '[]'::jsonb`,
      );
      expect(sessions).toEqual([]);

      const after = await totals(db.pool, {});
      expect(after.questions).toBe(before.questions);
      expect(after.answered).toBe(before.answered);
      expect(after.textsDeleted).toBe(before.questions);
      expect(await topicCounts(db.pool, {})).toEqual(topicsBefore);
    });
  });

  describe('forget me', () => {
    it('deletes exactly that user’s sessions, logs and feedback, and confirms in their language', async () => {
      const a = uniqueUser('a');
      const b = uniqueUser('b');
      const group = `group-${uniqueUser()}`;
      const ra = await assistant.handle(turn('När går ansökningstiden ut i Närpes?', { userId: a }));
      await assistant.handle(turn('/kunta Routasalmi', { userId: a, conversationId: group, isGroup: true }));
      await assistant.handle(
        turn('Kuka on yhdyshenkilö?', { userId: a, conversationId: group, isGroup: true }),
      );
      const rb = await assistant.handle(turn('Milloin Routasalmen avustushaku päättyy?', { userId: b }));
      await assistant.feedback({ answerId: ra.id, channel: 'web', userId: a, vote: 'up' });
      await assistant.feedback({
        answerId: rb.id,
        channel: 'web',
        userId: a,
        vote: 'down',
        comment: 'a about b',
      });
      await assistant.feedback({ answerId: rb.id, channel: 'web', userId: b, vote: 'up' });

      const count = async () => {
        const q = async (sql: string) => Number((await db.pool.query(sql)).rows[0].n);
        return {
          sessions: await q('SELECT count(*) AS n FROM sessions'),
          log: await q('SELECT count(*) AS n FROM query_log'),
          feedback: await q('SELECT count(*) AS n FROM feedback'),
        };
      };
      const before = await count();
      const r = await assistant.handle(turn('/glöm', { userId: a }));
      expect(r.language).toBe('sv');
      expect(r.text).toBe(t('sv', 'dialogue.forget.done', { count: 2 + 2 + 2 }));
      const after = await count();
      expect(before.sessions - after.sessions).toBe(2);
      expect(before.log - after.log).toBe(2);
      expect(before.feedback - after.feedback).toBe(2);

      // b's data and the group's own choice are untouched.
      const { rows } = await db.pool.query('SELECT vote FROM feedback WHERE answer_id = $1', [rb.id]);
      expect(rows).toEqual([{ vote: 'up' }]);
      await assistant.handle(
        turn('Kuka on yhdyshenkilö?', { userId: b, conversationId: group, isGroup: true }),
      );
      const { rows: last } = await db.pool.query(
        'SELECT municipality FROM query_log ORDER BY created_at DESC LIMIT 1',
      );
      expect(last[0].municipality).toBe('Routasalmi');
      // a starts from scratch: no remembered question to follow up on.
      const { rows: aLog } = await db.pool.query('SELECT 1 FROM query_log WHERE answer_id = $1', [ra.id]);
      expect(aLog).toHaveLength(0);
    });
  });
});
