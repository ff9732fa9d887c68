/**
 * Conversation sessions in PostgreSQL. Every write is a single upsert, so several server
 * processes on one database never lose each other's updates and nothing that matters lives in
 * memory. Ids arrive already pseudonymised (`src/kernel/pseudonym.ts`).
 */
import type pg from 'pg';
import type { Language } from '../kernel/types.ts';
import type { SessionScope, SessionState, StoredTurn } from '../kernel/ports.ts';
import { prepared, type Param } from './statements.ts';

type Db = Pick<pg.Pool, 'query'>;

/** How many turns a session keeps for follow-ups. */
export const KEPT_TURNS = 5;

interface Row {
  thread_key: string;
  user_key: string;
  municipality: string | null;
  municipality_chosen: boolean;
  language: Language | null;
  last_language: Language | null;
  turns: StoredTurn[] | string;
}

/** The most specific row first: this thread, then the conversation's top level. */
function pick(rows: Row[], userKey: string, threadKey: string): Row[] {
  return [threadKey, '']
    .map((t) => rows.find((r) => r.user_key === userKey && r.thread_key === t))
    .filter((r): r is Row => r !== undefined);
}

export async function loadSession(db: Db, s: SessionScope): Promise<SessionState> {
  // Prepared: read on every turn, so parsed once per connection.
  const { rows } = await db.query<Row>(
    prepared(
      `SELECT thread_key, user_key, municipality, municipality_chosen, language, last_language, turns
         FROM sessions
        WHERE channel = $1 AND conversation_key = $2 AND thread_key IN ($3, '') AND user_key IN ($4, '')`,
      [s.channel, s.conversationKey, s.threadKey, s.userKey],
    ),
  );
  const mine = pick(rows, s.userKey, s.threadKey);
  const choiceRows = s.isGroup ? pick(rows, '', s.threadKey) : mine;
  const choice = choiceRows.find((r) => r.municipality_chosen);
  const own = mine.find((r) => r.thread_key === s.threadKey);
  const turns = own
    ? typeof own.turns === 'string'
      ? (JSON.parse(own.turns) as StoredTurn[])
      : own.turns
    : [];
  return {
    municipality: choice?.municipality ?? null,
    municipalityChosen: choice !== undefined,
    language: mine.find((r) => r.language)?.language ?? null,
    lastLanguage: mine.find((r) => r.last_language)?.last_language ?? null,
    turns,
  };
}

/** Stores a municipality choice in its scope: the user's in private chats, the group's (thread's) in groups. */
export async function saveMunicipality(db: Db, s: SessionScope, municipality: string | null): Promise<void> {
  const threadKey = s.isGroup ? s.threadKey : '';
  const userKey = s.isGroup ? '' : s.userKey;
  await db.query(
    `INSERT INTO sessions (channel, conversation_key, thread_key, user_key, municipality, municipality_chosen)
     VALUES ($1, $2, $3, $4, $5, true)
     ON CONFLICT (channel, conversation_key, thread_key, user_key)
     DO UPDATE SET municipality = EXCLUDED.municipality, municipality_chosen = true, updated_at = now()`,
    [s.channel, s.conversationKey, threadKey, userKey, municipality],
  );
}

/** Stores the user's explicit language choice for this conversation. */
export async function saveLanguage(db: Db, s: SessionScope, language: Language): Promise<void> {
  await db.query(
    `INSERT INTO sessions (channel, conversation_key, thread_key, user_key, language, last_language)
     VALUES ($1, $2, '', $3, $4, $4)
     ON CONFLICT (channel, conversation_key, thread_key, user_key)
     DO UPDATE SET language = EXCLUDED.language, last_language = EXCLUDED.language, updated_at = now()`,
    [s.channel, s.conversationKey, s.userKey, language],
  );
}

/**
 * Remembers a question (newest first, at most `KEPT_TURNS`) and the reply's language, atomically,
 * as SQL with its values through `p` (recordTurn runs it together with the query log's insert).
 */
export function appendTurnSql(s: SessionScope, turn: StoredTurn, p: Param): string {
  const entry = p(JSON.stringify(turn));
  return `INSERT INTO sessions (channel, conversation_key, thread_key, user_key, last_language, turns)
     VALUES (${p(s.channel)}, ${p(s.conversationKey)}, ${p(s.threadKey)}, ${p(s.userKey)}, ${p(turn.language)},
             jsonb_build_array(${entry}::jsonb))
     ON CONFLICT (channel, conversation_key, thread_key, user_key)
     DO UPDATE SET
       last_language = EXCLUDED.last_language,
       turns = (SELECT COALESCE(jsonb_agg(e ORDER BY o), '[]'::jsonb)
                  FROM jsonb_array_elements(jsonb_build_array(${entry}::jsonb) || sessions.turns) WITH ORDINALITY AS x(e, o)
                 WHERE o <= ${p(KEPT_TURNS)}),
       updated_at = now()`;
}

/** Remembers the reply language without a question (commands). */
export async function saveLastLanguage(db: Db, s: SessionScope, language: Language): Promise<void> {
  await db.query(
    `INSERT INTO sessions (channel, conversation_key, thread_key, user_key, last_language)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (channel, conversation_key, thread_key, user_key)
     DO UPDATE SET last_language = EXCLUDED.last_language, updated_at = now()`,
    [s.channel, s.conversationKey, s.threadKey, s.userKey, language],
  );
}

/** Forgets the turns of this thread (a new conversation); choices stay. */
export async function clearTurns(db: Db, s: SessionScope): Promise<void> {
  await db.query(
    `UPDATE sessions SET turns = '[]'::jsonb, updated_at = now()
      WHERE channel = $1 AND conversation_key = $2 AND thread_key = $3 AND user_key = $4`,
    [s.channel, s.conversationKey, s.threadKey, s.userKey],
  );
}

/** Deletes every session row of a user (forget me). Group rows (user_key '') are not the user's. */
export async function deleteUserSessions(db: Db, userKey: string): Promise<number> {
  if (!userKey) return 0;
  const r = await db.query('DELETE FROM sessions WHERE user_key = $1', [userKey]);
  return r.rowCount ?? 0;
}

/** Drops remembered turns older than `cutoff` (retention); returns how many sessions changed. */
export async function purgeTurnTexts(db: Db, cutoff: Date): Promise<number> {
  const r = await db.query(
    `UPDATE sessions
        SET turns = COALESCE((SELECT jsonb_agg(e ORDER BY o)
                                FROM jsonb_array_elements(turns) WITH ORDINALITY AS x(e, o)
                               WHERE (e->>'at')::timestamptz >= $1), '[]'::jsonb)
      WHERE EXISTS (SELECT 1 FROM jsonb_array_elements(turns) AS y(e) WHERE (e->>'at')::timestamptz < $1)`,
    [cutoff.toISOString()],
  );
  return r.rowCount ?? 0;
}

const HMAC_SETTING = 'dialogue.hmac_key';

/**
 * The pseudonymisation key kept in `settings`: created once by whichever process gets there
 * first (INSERT … ON CONFLICT DO NOTHING), then read back so that every process uses the same.
 */
export async function loadOrCreateHmacKey(db: Db, generate: () => string): Promise<string> {
  await db.query(`INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING`, [
    HMAC_SETTING,
    generate(),
  ]);
  const { rows } = await db.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [
    HMAC_SETTING,
  ]);
  const key = rows[0]?.value;
  if (!key) throw new Error(`settings.${HMAC_SETTING} is missing after insert; check the settings table.`);
  return key;
}
