-- Self-assessment results a municipality's user chose to share with the regional organisers
-- (issue 17): one row per municipality, the newest sharing replacing the earlier one. Scores only
-- (per theme id and overall); the sharer's pseudonymised key lets "forget me" delete the row.
CREATE TABLE quicktest_shared (
  municipality text PRIMARY KEY,
  user_key text NOT NULL,
  overall integer NOT NULL,
  themes jsonb NOT NULL DEFAULT '{}'::jsonb,
  shared_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX quicktest_shared_user ON quicktest_shared (user_key);
