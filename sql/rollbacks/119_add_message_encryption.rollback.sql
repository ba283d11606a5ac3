-- Rollback of migration 119_add_message_encryption.sql.
-- As written in the Batch 3 checklist, Step 3 ("Rollback if needed").

DROP INDEX IF EXISTS idx_messages_encryption_version;
DROP FUNCTION IF EXISTS get_message_encryption_stats();
ALTER TABLE messages DROP CONSTRAINT IF EXISTS chk_messages_encryption_version_valid;
