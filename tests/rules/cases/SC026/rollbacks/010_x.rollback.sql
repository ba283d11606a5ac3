-- expect: SC026 at 2, 3, 4
DROP INDEX idx_messages_encryption_version;
ALTER TABLE messages DROP CONSTRAINT chk_messages_encryption_version_valid;
DROP FUNCTION get_message_encryption_stats();
