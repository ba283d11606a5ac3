-- expect: SC027 at 3
-- added again without dropping the new one first: PostgreSQL refuses (it already exists)
ALTER TABLE accounts ADD CONSTRAINT b_pos CHECK (b >= 0);
