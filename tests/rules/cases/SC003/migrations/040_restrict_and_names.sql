-- expect: none of SC003
-- "cascade" as a word in names, comments and ON DELETE CASCADE is not a CASCADE drop
DROP TABLE IF EXISTS cascade_log RESTRICT;
ALTER TABLE messages DROP COLUMN IF EXISTS cascade_flag;
CREATE TABLE IF NOT EXISTS m2 (id bigint PRIMARY KEY, u uuid REFERENCES users (id) ON DELETE CASCADE);
TRUNCATE TABLE sessions RESTRICT;
