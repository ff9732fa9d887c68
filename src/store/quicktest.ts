/**
 * The self-assessment's progress (issue 17) in PostgreSQL: one upserted row per user and
 * conversation, so a run resumes in any process after a restart. Keys arrive pseudonymised.
 */
import type pg from 'pg';
import type { QuicktestState, QuicktestStore, SessionScope } from '../kernel/ports.ts';

type Db = Pick<pg.Pool, 'query'>;

const KEY = 'channel = $1 AND conversation_key = $2 AND thread_key = $3 AND user_key = $4';
const keyOf = (s: SessionScope) => [s.channel, s.conversationKey, s.threadKey, s.userKey];

export function createQuicktestStore(db: Db): QuicktestStore {
  return {
    async load(scope) {
      const { rows } = await db.query<{ answers: QuicktestState['answers'] | string; updated_at: Date }>(
        `SELECT answers, updated_at FROM quicktest_state WHERE ${KEY}`,
        keyOf(scope),
      );
      const row = rows[0];
      if (!row) return undefined;
      const answers = typeof row.answers === 'string' ? JSON.parse(row.answers) : row.answers;
      return { answers, updatedAt: new Date(row.updated_at).toISOString() };
    },
    async save(scope, state) {
      await db.query(
        `INSERT INTO quicktest_state (channel, conversation_key, thread_key, user_key, answers, updated_at)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6)
         ON CONFLICT (channel, conversation_key, thread_key, user_key)
         DO UPDATE SET answers = EXCLUDED.answers, updated_at = EXCLUDED.updated_at`,
        [...keyOf(scope), JSON.stringify(state.answers), state.updatedAt],
      );
    },
    async clear(scope) {
      await db.query(`DELETE FROM quicktest_state WHERE ${KEY}`, keyOf(scope));
    },
    async deleteUser(userKey) {
      const r = await db.query('DELETE FROM quicktest_state WHERE user_key = $1', [userKey]);
      return r.rowCount ?? 0;
    },
  };
}
