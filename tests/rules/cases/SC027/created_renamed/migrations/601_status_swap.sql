-- the enum swap Prisma writes: the new type made under another name, the old one renamed
-- away, the new one renamed into place
CREATE TYPE status_new AS ENUM ('active', 'archived');
ALTER TABLE doc ALTER COLUMN s DROP DEFAULT;
ALTER TABLE doc ALTER COLUMN s TYPE status_new USING (s::text::status_new);
ALTER TYPE status RENAME TO status_old;
ALTER TYPE status_new RENAME TO status;
DROP TYPE status_old;
ALTER TABLE doc ALTER COLUMN s SET DEFAULT 'active';
