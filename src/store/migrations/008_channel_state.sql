-- Channel state that must outlive a process and be shared by replicas (src/kernel/channel-state.ts):
-- delivery claims, answered threads, button tokens, rate-limit windows. `key_digest` is a keyed
-- HMAC of the platform's key (no platform id is stored readable); every row expires, and expired
-- rows are deleted by the store's periodic cleanup (src/store/channel-state.ts), so the table
-- stays as small as what is live.
CREATE TABLE channel_state (
  scope text NOT NULL CHECK (length(scope) <= 64),
  key_digest text NOT NULL CHECK (length(key_digest) = 64),
  value text CHECK (length(value) <= 16384),        -- put(); NULL for claims and counters
  hits integer NOT NULL DEFAULT 0,                  -- hit(): count within the current window
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (scope, key_digest)
);
-- The cleanup deletes by expiry.
CREATE INDEX channel_state_expires ON channel_state (expires_at);
