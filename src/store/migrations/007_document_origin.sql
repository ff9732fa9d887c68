-- How each document came into the index, so that the start-up sync of KUMPPANI_KNOWLEDGE_DIR can
-- remove what it put in and no longer finds (the demo pack, once the folder points at a
-- municipality's own documents) without touching what an operator added with
-- `kumppani ingest OTHERDIR`; those go only when their file is gone (file_path).
ALTER TABLE documents ADD COLUMN IF NOT EXISTS origin text NOT NULL DEFAULT 'cli'
  CHECK (origin IN ('knowledge-dir', 'cli'));
ALTER TABLE documents ADD COLUMN IF NOT EXISTS file_path text;
-- Before this column only the first start's ingest of ./knowledge (the default folder; sources are
-- relative to the working directory) filled the index by itself: those are the start sync's.
UPDATE documents SET origin = 'knowledge-dir' WHERE source LIKE 'knowledge/%';
