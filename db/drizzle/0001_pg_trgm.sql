-- Trigram matching for the name searches (ILIKE '%…%'). pg_trgm ships with PostgreSQL's contrib
-- and is a trusted extension (the database owner may create it); PGlite loads it in createDb.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
