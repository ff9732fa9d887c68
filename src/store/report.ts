/**
 * Read-only queries for `kumppani report`: what was asked in a period and municipality (per
 * topic, unanswered, feedback). What the index holds comes from `documents.ts`.
 */
import type pg from 'pg';
import type { Language } from '../kernel/types.ts';
import type { FeedbackSummary, LoggedQuestion, ReportFilter, TopicCount, Totals } from '../kernel/ports.ts';

type Db = Pick<pg.Pool, 'query'>;

/** WHERE clause over `alias.created_at` and `alias.municipality`, with its parameters. */
function where(f: ReportFilter, alias: string, params: unknown[] = []): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  if (f.from) {
    params.push(f.from.toISOString());
    parts.push(`${alias}.created_at >= $${params.length}`);
  }
  if (f.to) {
    params.push(f.to.toISOString());
    parts.push(`${alias}.created_at < $${params.length}`);
  }
  if (f.municipalities?.length) {
    params.push(f.municipalities.map((m) => m.toLowerCase()));
    parts.push(`lower(${alias}.municipality) = ANY($${params.length})`);
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

export async function totals(db: Db, f: ReportFilter): Promise<Totals> {
  const w = where(f, 'q');
  const { rows } = await db.query<{ questions: string; answered: string; deleted: string }>(
    `SELECT count(*) AS questions, count(*) FILTER (WHERE q.answered) AS answered,
            count(*) FILTER (WHERE q.question IS NULL) AS deleted
       FROM query_log q ${w.sql}`,
    w.params,
  );
  const r = rows[0]!;
  const questions = Number(r.questions);
  const answered = Number(r.answered);
  return { questions, answered, unanswered: questions - answered, textsDeleted: Number(r.deleted) };
}

export async function topicCounts(db: Db, f: ReportFilter): Promise<TopicCount[]> {
  const w = where(f, 'q');
  const { rows } = await db.query<{ topic: string; questions: string; answered: string }>(
    `SELECT q.topic, count(*) AS questions, count(*) FILTER (WHERE q.answered) AS answered
       FROM query_log q ${w.sql}
      GROUP BY q.topic ORDER BY count(*) DESC, q.topic`,
    w.params,
  );
  return rows.map((r) => ({ topic: r.topic, questions: Number(r.questions), answered: Number(r.answered) }));
}

/** Unanswered questions whose texts are still kept, oldest first. */
export async function unansweredQuestions(db: Db, f: ReportFilter): Promise<LoggedQuestion[]> {
  const w = where(f, 'q');
  const cond = w.sql ? `${w.sql} AND` : 'WHERE';
  const { rows } = await db.query<{
    answer_id: string;
    question: string;
    municipality: string | null;
    language: Language;
    created_at: Date;
  }>(
    `SELECT q.answer_id, q.question, q.municipality, q.language, q.created_at
       FROM query_log q ${cond} NOT q.answered AND q.question IS NOT NULL
      ORDER BY q.created_at, q.answer_id`,
    w.params,
  );
  return rows.map((r) => ({
    answerId: r.answer_id,
    question: r.question,
    municipality: r.municipality,
    language: r.language,
    createdAt: new Date(r.created_at),
  }));
}

/** Feedback given in the period on answers in the municipality. */
export async function feedbackSummary(db: Db, f: ReportFilter): Promise<FeedbackSummary> {
  const period = where({ from: f.from, to: f.to }, 'fb');
  const params = [...period.params];
  let join = 'LEFT JOIN query_log q ON q.answer_id = fb.answer_id';
  if (f.municipalities?.length) {
    params.push(f.municipalities.map((m) => m.toLowerCase()));
    join = `JOIN query_log q ON q.answer_id = fb.answer_id AND lower(q.municipality) = ANY($${params.length})`;
  }
  const { rows } = await db.query<{
    vote: 'up' | 'down';
    comment: string | null;
    question: string | null;
    created_at: Date;
  }>(
    `SELECT fb.vote, fb.comment, q.question, fb.created_at FROM feedback fb ${join} ${period.sql}
      ORDER BY fb.created_at`,
    params,
  );
  return {
    up: rows.filter((r) => r.vote === 'up').length,
    down: rows.filter((r) => r.vote === 'down').length,
    comments: rows
      .filter((r) => r.comment)
      .map((r) => ({
        vote: r.vote,
        comment: r.comment!,
        question: r.question,
        createdAt: new Date(r.created_at),
      })),
  };
}
