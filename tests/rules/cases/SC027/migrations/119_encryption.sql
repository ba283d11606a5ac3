ALTER TABLE messages ADD CONSTRAINT chk_messages_encryption_version_valid
    CHECK (encryption_version IN (1, 2)) NOT VALID;
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_messages_encryption_version ON messages (encryption_version);
ALTER TABLE messages ADD COLUMN IF NOT EXISTS content_nonce bytea;
