/**
 * Deadline-reminder subscriptions and the reminders claimed for them (migration 010). A reminder
 * is claimed by inserting its row before it is sent: the primary key lets exactly one caller (one
 * run, one replica) insert it. Plain parameterised SQL.
 */
import type pg from 'pg';
import type {
  NewReminderSubscription,
  ReminderKey,
  ReminderSubscription,
} from '../kernel/ports.ts';
import type { Channel, Language } from '../kernel/types.ts';

type Db = Pick<pg.Pool, 'query'>;

interface SubscriptionRow {
  id: string;
  user_key: string;
  channel: Channel;
  address: string;
  municipality: string | null;
  grant_kinds: string[];
  language: Language;
  created_at: Date;
}

const COLUMNS = 'id::text AS id, user_key, channel, address, municipality, grant_kinds, language, created_at';

function toSubscription(r: SubscriptionRow): ReminderSubscription {
  return {
    id: r.id,
    userKey: r.user_key,
    channel: r.channel,
    address: r.address,
    municipality: r.municipality,
    grantKinds: r.grant_kinds,
    language: r.language,
    createdAt: new Date(r.created_at),
  };
}

/**
 * Subscribing again to the same municipality in the same chat adds to it: the grant kinds are
 * joined (either side empty = every kind), so a second "/muistuta X kohdeavustus" never drops
 * what the first asked for, and the same deadline is never reminded twice by two rows.
 */
export async function subscribe(db: Db, s: NewReminderSubscription): Promise<ReminderSubscription> {
  const r = await db.query<SubscriptionRow>(
    `INSERT INTO reminder_subscriptions (user_key, channel, address, municipality, grant_kinds, language)
     VALUES ($1, $2, $3, $4, $5::text[], $6)
     ON CONFLICT (user_key, channel, address, coalesce(municipality, ''))
     DO UPDATE SET language = EXCLUDED.language,
       grant_kinds = CASE
         WHEN cardinality(reminder_subscriptions.grant_kinds) = 0 OR cardinality(EXCLUDED.grant_kinds) = 0
           THEN '{}'::text[]
         ELSE ARRAY(SELECT DISTINCT k FROM unnest(reminder_subscriptions.grant_kinds || EXCLUDED.grant_kinds) AS k ORDER BY k)
       END
     RETURNING ${COLUMNS}`,
    [s.userKey, s.channel, s.address, s.municipality, [...new Set(s.grantKinds)].sort(), s.language],
  );
  return toSubscription(r.rows[0]!);
}

export async function listSubscriptions(db: Db, userKey: string): Promise<ReminderSubscription[]> {
  const r = await db.query<SubscriptionRow>(
    `SELECT ${COLUMNS} FROM reminder_subscriptions WHERE user_key = $1 ORDER BY id`,
    [userKey],
  );
  return r.rows.map(toSubscription);
}

export async function allSubscriptions(db: Db): Promise<ReminderSubscription[]> {
  const r = await db.query<SubscriptionRow>(`SELECT ${COLUMNS} FROM reminder_subscriptions ORDER BY id`);
  return r.rows.map(toSubscription);
}

/** Deletes the user's subscriptions and (by cascade) their sent rows; returns how many rows went. */
export async function deleteUserSubscriptions(db: Db, userKey: string): Promise<number> {
  const sent = await db.query(
    `DELETE FROM reminders_sent WHERE subscription_id IN
       (SELECT id FROM reminder_subscriptions WHERE user_key = $1)`,
    [userKey],
  );
  const subs = await db.query('DELETE FROM reminder_subscriptions WHERE user_key = $1', [userKey]);
  return (sent.rowCount ?? 0) + (subs.rowCount ?? 0);
}

/** Deletes one subscription of the user (never another user's) and its sent rows; returns it, if it was there. */
export async function deleteSubscription(
  db: Db,
  userKey: string,
  id: string,
): Promise<ReminderSubscription | undefined> {
  if (!/^\d{1,18}$/.test(id)) return undefined;
  const r = await db.query<SubscriptionRow>(
    `DELETE FROM reminder_subscriptions WHERE user_key = $1 AND id = $2::bigint RETURNING ${COLUMNS}`,
    [userKey, id],
  );
  return r.rows[0] ? toSubscription(r.rows[0]) : undefined;
}

/** True for the one caller whose INSERT made the row; false when the reminder was already claimed. */
export async function claimReminder(db: Db, k: ReminderKey): Promise<boolean> {
  const r = await db.query(
    `INSERT INTO reminders_sent (subscription_id, event_uid, occurrence, lead_days)
     VALUES ($1::bigint, $2, $3::date, $4)
     ON CONFLICT DO NOTHING`,
    [k.subscriptionId, k.eventUid, k.occurrence, k.leadDays],
  );
  return (r.rowCount ?? 0) === 1;
}

export async function releaseReminder(db: Db, k: ReminderKey): Promise<void> {
  await db.query(
    `DELETE FROM reminders_sent
      WHERE subscription_id = $1::bigint AND event_uid = $2 AND occurrence = $3::date AND lead_days = $4`,
    [k.subscriptionId, k.eventUid, k.occurrence, k.leadDays],
  );
}
