-- expect: SC007 at 7
-- expect: none of SC024, SC037
-- migrate:up transaction:false
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_messages_v ON messages (sender_id);

-- migrate:down transaction:false
DROP INDEX CONCURRENTLY IF EXISTS idx_messages_v;
ALTER TABLE messages DROP COLUMN IF EXISTS v;
