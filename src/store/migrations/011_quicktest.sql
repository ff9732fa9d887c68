-- The self-assessment's progress (issue 17): one row per user and conversation, keyed by the
-- pseudonymised session scope like `sessions`. Deleted by "forget me"; holds answers only, no text.
CREATE TABLE quicktest_state (
  channel text NOT NULL,
  conversation_key text NOT NULL,
  thread_key text NOT NULL DEFAULT '',
  user_key text NOT NULL,
  answers jsonb NOT NULL DEFAULT '{}'::jsonb,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (channel, conversation_key, thread_key, user_key)
);
CREATE INDEX quicktest_state_user ON quicktest_state (user_key);
