-- expect: SC007 at 6
-- migrate:up transaction:false
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_messages_x ON messages (x);

-- migrate:down
DROP INDEX CONCURRENTLY IF EXISTS idx_messages_x;
