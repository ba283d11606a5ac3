-- expect: SC007 at 7
-- PostgreSQL refuses CREATE INDEX CONCURRENTLY in any query string of several statements,
-- after a COMMIT too (SQLSTATE 25001 on 15 and 18)
BEGIN;
ALTER TABLE messages ADD COLUMN IF NOT EXISTS y int;
COMMIT;
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_messages_y ON messages (y);
