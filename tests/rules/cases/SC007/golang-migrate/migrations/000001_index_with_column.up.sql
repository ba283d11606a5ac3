-- expect: SC007 at 6
-- expect: none of SC024, SC037
-- golang-migrate sends the whole file as one query: PostgreSQL runs its two statements as
-- one transaction block
ALTER TABLE messages ADD COLUMN IF NOT EXISTS x int;
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_messages_x ON messages (x);
