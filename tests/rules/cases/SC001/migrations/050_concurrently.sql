-- expect: none of SC001
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_messages_encryption_version
    ON messages (encryption_version);
