/**
 * 👍/👎 on answers. One vote per user per answer (a changed mind replaces the vote); comments are
 * nulled after the retention period, votes stay for the counts.
 */
import type pg from 'pg';
import type { FeedbackRow } from '../kernel/ports.ts';

type Db = Pick<pg.Pool, 'query'>;

export async function saveFeedback(db: Db, f: FeedbackRow): Promise<void> {
  await db.query(
    `INSERT INTO feedback (answer_id, user_key, channel, vote, comment)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (answer_id, user_key)
     DO UPDATE SET vote = EXCLUDED.vote, comment = COALESCE(EXCLUDED.comment, feedback.comment), created_at = now()`,
    [f.answerId, f.userKey, f.channel, f.vote, f.comment ?? null],
  );
}

export async function deleteUserFeedback(db: Db, userKey: string): Promise<number> {
  const r = await db.query('DELETE FROM feedback WHERE user_key = $1', [userKey]);
  return r.rowCount ?? 0;
}

/** Nulls comments older than `cutoff`; returns how many. */
export async function purgeComments(db: Db, cutoff: Date): Promise<number> {
  const r = await db.query(
    'UPDATE feedback SET comment = NULL WHERE created_at < $1 AND comment IS NOT NULL',
    [cutoff.toISOString()],
  );
  return r.rowCount ?? 0;
}
