CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_messages_encryption_version ON messages (encryption_version);
ALTER TABLE messages ADD CONSTRAINT chk_messages_encryption_version_valid CHECK (encryption_version IN (1, 2)) NOT VALID;
CREATE OR REPLACE FUNCTION get_message_encryption_stats() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM messages $$;
