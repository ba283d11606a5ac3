-- expect: none of SC008
DROP INDEX CONCURRENTLY IF EXISTS idx_messages_encryption_version;
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_tmp ON messages (id);
DROP INDEX IF EXISTS idx_tmp;
