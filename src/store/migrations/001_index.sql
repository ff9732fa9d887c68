-- The document index: one row per ingested file version, its chunks with vectors and full text.
CREATE EXTENSION IF NOT EXISTS vector;

CREATE TABLE settings (
  key text PRIMARY KEY,
  value text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE documents (
  id bigserial PRIMARY KEY,
  -- The file's path as ingested (relative to the ingest root): the identity of a file.
  source text NOT NULL UNIQUE,
  -- The identity of a document across versions/files: front matter `id`, else municipality + title.
  doc_key text NOT NULL,
  title text NOT NULL,
  municipality text,                       -- NULL: region-wide
  audience text NOT NULL DEFAULT 'public' CHECK (audience IN ('public', 'staff')),
  language text NOT NULL CHECK (language IN ('fi', 'sv', 'en')),
  url text,
  doc_date date,
  topics text[] NOT NULL DEFAULT '{}',
  format text NOT NULL,
  content_hash text NOT NULL,
  -- False when a newer version (same doc_key, later date) exists; only active documents answer.
  active boolean NOT NULL DEFAULT true,
  chunk_count integer NOT NULL DEFAULT 0,
  ingested_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX documents_doc_key ON documents (doc_key);
CREATE INDEX documents_municipality ON documents (municipality);

CREATE TABLE chunks (
  id bigserial PRIMARY KEY,
  document_id bigint NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  ord integer NOT NULL,
  section text,                            -- section path, "Avustukset › Toiminta-avustus"
  page integer,
  text text NOT NULL,
  language text NOT NULL,
  -- Filters copied from the document so that searches never join before ranking.
  municipality text,
  audience text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  -- Dimensions depend on the configured embedder; the HNSW index is an expression index on a cast
  -- to the current dimension, created by the store when the embedder is known.
  embedding vector,
  -- Stemmed full text in the chunk's own language (finnish | swedish | english).
  fts tsvector NOT NULL,
  -- Kumppani's own analysis (compound parts, colloquial and inflected forms, 'simple' config).
  terms tsvector NOT NULL,
  UNIQUE (document_id, ord)
);
CREATE INDEX chunks_fts ON chunks USING gin (fts);
CREATE INDEX chunks_terms ON chunks USING gin (terms);
CREATE INDEX chunks_filter ON chunks (active, municipality, audience);
