-- expect: none of SC029
-- the column goes (or changes type) before its type
ALTER TABLE existing DROP COLUMN m;
DROP TYPE mood;
ALTER TABLE existing ALTER COLUMN s TYPE text[];
DROP TYPE shade;
ALTER TABLE existing DROP COLUMN s;
