-- expect: none of SC027, SC028
-- the mirror image: the type of 600 made again under another name, the migration's dropped
-- (it holds status now), the old one renamed back into place
CREATE TYPE status_old AS ENUM ('active', 'archived', 'legacy');
ALTER TABLE doc ALTER COLUMN s DROP DEFAULT;
ALTER TABLE doc ALTER COLUMN s TYPE status_old USING (s::text::status_old);
DROP TYPE status;
ALTER TYPE status_old RENAME TO status;
ALTER TABLE doc ALTER COLUMN s SET DEFAULT 'active';
