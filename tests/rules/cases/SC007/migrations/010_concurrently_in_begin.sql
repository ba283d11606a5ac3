-- expect: SC007 at 3, 4
BEGIN;
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_messages_sender ON messages (sender_id);
DROP INDEX CONCURRENTLY IF EXISTS idx_messages_old;
COMMIT;
