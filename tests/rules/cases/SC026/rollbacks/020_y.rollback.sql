-- expect: none of SC026
DROP INDEX IF EXISTS idx_messages_encryption_version;
ALTER TABLE messages DROP CONSTRAINT IF EXISTS chk_messages_encryption_version_valid;
DROP FUNCTION IF EXISTS get_message_encryption_stats();
