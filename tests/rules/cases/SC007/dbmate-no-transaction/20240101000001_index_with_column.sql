-- expect: SC007 at 6
-- with transaction:false dbmate sends the section as one query: PostgreSQL runs its two
-- statements as one transaction block
-- migrate:up transaction:false
ALTER TABLE messages ADD COLUMN IF NOT EXISTS w int;
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_messages_w ON messages (w);

-- migrate:down transaction:false
DROP INDEX CONCURRENTLY IF EXISTS idx_messages_w;
