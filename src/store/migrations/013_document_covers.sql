-- A region-wide document may say which municipalities it covers (metadata `covers`): a region's
-- survey or recommendation is not an answer for a municipality of another region. NULL: every
-- municipality. Lowercased names, as the search filter compares them.
ALTER TABLE documents ADD COLUMN IF NOT EXISTS covers text[];
