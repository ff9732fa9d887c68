-- Dated events the documents state (issue 16): application periods, report deadlines, decisions,
-- meetings, annual-calendar entries. One row per event per document version; the document's
-- `active` (the newest version wins), audience and municipality are read through the join, so a
-- replaced or removed document (ON DELETE CASCADE) takes its events with it, and a staff-only
-- document's events are staff-only.
CREATE TABLE IF NOT EXISTS events (
  id bigserial PRIMARY KEY,
  document_id bigint NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  -- Stable while the document states the same event in the same words (feed UIDs).
  uid text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('application', 'report', 'decision', 'meeting', 'other')),
  subject text,                              -- meetings: association-evening | advisory-board | info
  grant_kinds text[] NOT NULL DEFAULT '{}',  -- nominative, lower-case: toiminta-avustus
  start_date date,                           -- NULL: a deadline only, or continuous application
  end_date date,                             -- NULL: an opening only
  start_time text CHECK (start_time ~ '^\d{2}:\d{2}$'),   -- Europe/Helsinki wall clock
  end_time text CHECK (end_time ~ '^\d{2}:\d{2}$'),
  precision text NOT NULL CHECK (precision IN ('day', 'week', 'month', 'season')),
  recurrence text NOT NULL CHECK (recurrence IN ('none', 'yearly', 'monthly')),
  month_day integer,                         -- monthly rules: day of month, -1 = last
  week integer,                              -- week rules: ISO week
  continuous boolean NOT NULL DEFAULT false,
  past boolean NOT NULL DEFAULT false,
  quote text NOT NULL,                       -- the sentence it came from
  label text NOT NULL,                       -- the clause that names it
  section text
);
CREATE INDEX IF NOT EXISTS events_document ON events (document_id);
CREATE INDEX IF NOT EXISTS events_dates ON events (end_date, start_date);
