-- Searches almost always name a municipality. With an index on the same expression the filter
-- uses (lower(municipality)), the planner fetches that municipality's chunks (plus region-wide
-- ones, through chunks_filter) and ranks only those, instead of scanning every chunk.
CREATE INDEX chunks_municipality_lower ON chunks (lower(municipality)) WHERE active;
ANALYZE chunks;
