-- How often each analysed term occurs in a chunk, so that re-scoring a search's candidates reads
-- them instead of analysing every candidate's text again (at 10k chunks that analysis was two
-- thirds of a search's time). NULL until the chunk is analysed again: the analysis version that
-- comes with this column makes every stored chunk be analysed again at the next start.
ALTER TABLE chunks ADD COLUMN IF NOT EXISTS term_counts json;
