-- expect: none of SC027
-- the earlier default, written otherwise (compared normalized)
ALTER TABLE members ALTER COLUMN plan SET DEFAULT ('free'::text);
