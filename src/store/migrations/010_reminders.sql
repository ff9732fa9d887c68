-- Deadline reminders (issue 16): who asked to be reminded, and which reminders went out.
--
-- `user_key` is the pseudonymised user (as everywhere else). `address` is the channel's delivery
-- address (a Telegram chat id): unlike every other table it must be kept in the clear, because a
-- reminder is a message the bot sends by itself, long after the conversation, and the platform
-- needs the real address to deliver it; a digest could not be sent to. It is kept only while the
-- subscription exists: cancelling (/muistutukset peru) and forget-me delete the row, and with it
-- (ON DELETE CASCADE) every sent-reminder row.
CREATE TABLE IF NOT EXISTS reminder_subscriptions (
  id bigserial PRIMARY KEY,
  user_key text NOT NULL,
  channel text NOT NULL,
  address text NOT NULL,
  municipality text,                          -- the index's spelling; NULL = every municipality
  grant_kinds text[] NOT NULL DEFAULT '{}',   -- empty = every grant kind
  language text NOT NULL CHECK (language IN ('fi', 'sv', 'en')),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX IF NOT EXISTS reminder_subscriptions_once
  ON reminder_subscriptions (user_key, channel, address, coalesce(municipality, ''));
CREATE INDEX IF NOT EXISTS reminder_subscriptions_user ON reminder_subscriptions (user_key);

-- One row per reminder claimed: the primary key makes each (subscription, event occurrence, lead)
-- reminder exactly once, across restarts and replicas (INSERT … ON CONFLICT DO NOTHING before
-- sending; a failed send deletes its row so the next run retries).
CREATE TABLE IF NOT EXISTS reminders_sent (
  subscription_id bigint NOT NULL REFERENCES reminder_subscriptions (id) ON DELETE CASCADE,
  -- The deadline's key (kind:municipality:date): two documents stating the same deadline are one
  -- reminder, and a reminder is not repeated when one of them is re-ingested under a new uid.
  event_uid text NOT NULL,
  occurrence date NOT NULL,                   -- the deadline reminded of
  lead_days integer NOT NULL,                 -- 14 or 3 (KUMPPANI_REMINDER_DAYS)
  sent_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (subscription_id, event_uid, occurrence, lead_days)
);
