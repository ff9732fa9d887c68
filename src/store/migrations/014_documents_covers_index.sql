-- The search filter leaves out a region-wide document that covers other municipalities
-- (migration 013): with a municipality chosen, PostgreSQL checks that with the list of documents
-- that have `covers`, which without an index is a scan of every document in each candidate query
-- (at 10k chunks 1 231 documents, twice per search: about a tenth of the search's CPU). Few
-- documents have `covers`, so this index is small and the list comes from it.
CREATE INDEX IF NOT EXISTS documents_covers ON documents (id) WHERE covers IS NOT NULL;
