/**
 * A answered turn's two writes, the session's remembered question and the query log's row, as
 * one statement: one call into the embedded database instead of two per answer (a turn was four
 * statements: the session read, the search, these two), and the two rows are kept or lost together.
 */
import type pg from 'pg';
import type { QueryLogEntry, SessionScope, StoredTurn } from '../kernel/ports.ts';
import { appendTurnSql } from './sessions.ts';
import { insertQuerySql } from './querylog.ts';
import { paramList, prepared } from './statements.ts';

export async function recordTurn(
  db: Pick<pg.Pool, 'query'>,
  scope: SessionScope,
  turn: StoredTurn,
  entry: QueryLogEntry,
): Promise<void> {
  const { params, p } = paramList();
  const text = `WITH turn AS (${appendTurnSql(scope, turn, p)})\n${insertQuerySql(entry, p)}`;
  await db.query(prepared(text, params));
}
