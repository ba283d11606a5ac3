-- expect: SC007 at 6
-- Diesel sends the file as one query: after the COMMIT, CONCURRENTLY still shares a query
-- string with other statements (25001)
ALTER TABLE messages ADD COLUMN IF NOT EXISTS y int;
COMMIT;
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_messages_y ON messages (y);
