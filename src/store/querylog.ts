/**
 * The query log municipal staff read through `kumppani report`: one row per answered (or
 * refused) question. The user is a keyed pseudonym; the texts are nulled after the retention
 * period while the row (and so every count) stays.
 */
import type pg from 'pg';
import type { QueryLogEntry } from '../kernel/ports.ts';
import type { Param } from './statements.ts';

type Db = Pick<pg.Pool, 'query'>;

/** Logs a question, as SQL with its values through `p` (recordTurn runs it). */
export function insertQuerySql(e: QueryLogEntry, p: Param): string {
  const values = [
    e.answerId,
    e.channel,
    e.userKey,
    e.question,
    e.condensed,
    e.municipality,
    e.language,
    e.topic,
    e.answered,
    e.topScore,
    Math.round(e.latencyMs),
    e.mode,
    e.sources,
  ].map(p);
  return `INSERT INTO query_log (answer_id, channel, user_key, question, condensed, municipality, language, topic,
                            answered, top_score, latency_ms, mode, sources)
     VALUES (${values.join(', ')})
     ON CONFLICT (answer_id) DO NOTHING`;
}

/** True when an answer with this id was logged (feedback must point at a real answer). */
export async function answerExists(db: Db, answerId: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM query_log WHERE answer_id = $1', [answerId]);
  return rows.length > 0;
}

export async function deleteUserQueries(db: Db, userKey: string): Promise<number> {
  const r = await db.query('DELETE FROM query_log WHERE user_key = $1', [userKey]);
  return r.rowCount ?? 0;
}

/** Nulls question texts older than `cutoff`; returns how many rows lost their texts. */
export async function purgeQuestionTexts(db: Db, cutoff: Date): Promise<number> {
  const r = await db.query(
    `UPDATE query_log SET question = NULL, condensed = NULL, texts_deleted_at = now()
      WHERE created_at < $1 AND (question IS NOT NULL OR condensed IS NOT NULL)`,
    [cutoff.toISOString()],
  );
  return r.rowCount ?? 0;
}
