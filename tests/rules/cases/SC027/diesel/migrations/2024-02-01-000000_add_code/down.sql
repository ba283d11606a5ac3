-- expect: SC027 at file
-- forgets users.label
ALTER TABLE users DROP COLUMN IF EXISTS code;
