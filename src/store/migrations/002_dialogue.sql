-- The dialogue: sessions, the query log and feedback. No raw platform ids are stored: every
-- *_key column is a keyed HMAC (src/core/pseudonym.ts). Message texts (question, condensed,
-- comment, sessions.turns) are nulled/emptied after KUMPPANI_RETENTION_DAYS; the rows stay so
-- that counts survive.

-- One row per scope: (conversation, thread, user) for a user's turns and language; user_key = ''
-- for a group chat's own municipality choice (per conversation, or per thread when thread_key <> '').
CREATE TABLE sessions (
  channel text NOT NULL,
  conversation_key text NOT NULL,
  thread_key text NOT NULL DEFAULT '',
  user_key text NOT NULL DEFAULT '',
  municipality text,                                -- NULL with municipality_chosen: "all municipalities"
  municipality_chosen boolean NOT NULL DEFAULT false,
  language text CHECK (language IN ('fi', 'sv', 'en')),          -- explicit choice (/kieli)
  last_language text CHECK (last_language IN ('fi', 'sv', 'en')), -- language of the last reply
  -- Last turns, newest first: [{question, query, municipality, answerId, language, at}].
  turns jsonb NOT NULL DEFAULT '[]'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (channel, conversation_key, thread_key, user_key)
);
CREATE INDEX sessions_user ON sessions (user_key);

CREATE TABLE query_log (
  answer_id text PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now(),
  channel text NOT NULL,
  user_key text NOT NULL,
  question text,                                    -- NULL after the retention period
  condensed text,                                   -- NULL after the retention period
  municipality text,
  language text NOT NULL,
  topic text NOT NULL,
  answered boolean NOT NULL,
  top_score real,
  latency_ms integer NOT NULL,
  mode text NOT NULL,                               -- extractive | llm | llm-fallback
  sources text[] NOT NULL DEFAULT '{}',
  texts_deleted_at timestamptz
);
CREATE INDEX query_log_created ON query_log (created_at);
CREATE INDEX query_log_user ON query_log (user_key);

CREATE TABLE feedback (
  answer_id text NOT NULL,
  user_key text NOT NULL,
  channel text NOT NULL,
  vote text NOT NULL CHECK (vote IN ('up', 'down')),
  comment text,                                     -- NULL after the retention period
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (answer_id, user_key)
);
CREATE INDEX feedback_user ON feedback (user_key);
CREATE INDEX feedback_created ON feedback (created_at);
