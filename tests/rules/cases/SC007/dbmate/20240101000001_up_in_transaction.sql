-- expect: SC007 at 3
-- migrate:up
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_messages_sender ON messages (sender_id);

-- migrate:down transaction:false
DROP INDEX CONCURRENTLY IF EXISTS idx_messages_sender;
