-- A bilingual municipality's Swedish name, from document metadata (municipality_sv), so that a
-- question naming "Vassnäs" finds Kaislaniemi's documents.
ALTER TABLE documents ADD COLUMN IF NOT EXISTS municipality_sv text;
