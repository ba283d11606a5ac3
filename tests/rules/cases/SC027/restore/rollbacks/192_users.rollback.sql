-- expect: none of SC027
-- the rollback changes back and creates again what the migration changed and dropped
ALTER TABLE users ALTER COLUMN props TYPE varchar(4000);
ALTER TABLE users ADD COLUMN IF NOT EXISTS legacy text;
CREATE SCHEMA IF NOT EXISTS import_new;
