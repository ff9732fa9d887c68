-- BM25 indexes (pg_textsearch) for questions without a municipality: their OR queries match most
-- of a large index, and scoring every match cost hundreds of ms at 100k chunks where the index
-- returns the top k in a few. Created only where the extension can be loaded (the embedded
-- database has it; a PostgreSQL server needs it installed and in shared_preload_libraries).
-- Without it nothing is created and search keeps its GIN queries (src/store/search.ts checks).
DO $migration$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_textsearch') THEN
    RAISE NOTICE 'pg_textsearch is not available: no BM25 indexes, search uses its GIN queries';
    RETURN;
  END IF;
  BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_textsearch;
    -- The analysed terms as text, for an index that takes a text expression. tsvector_to_array
    -- is declared stable but depends on nothing but its argument.
    CREATE OR REPLACE FUNCTION kumppani_terms_text(tsvector) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS 'SELECT array_to_string(tsvector_to_array($1), '' '')';
    CREATE INDEX IF NOT EXISTS chunks_terms_bm25 ON chunks USING bm25 ((kumppani_terms_text(terms)))
      WITH (text_config = 'simple');
    CREATE INDEX IF NOT EXISTS chunks_text_bm25 ON chunks USING bm25 (text) WITH (text_config = 'finnish');
  EXCEPTION WHEN OTHERS THEN
    -- e.g. installed but not preloaded on a server: the search works without it.
    RAISE NOTICE 'pg_textsearch could not be used (%): search uses its GIN queries', SQLERRM;
  END;
END
$migration$;
