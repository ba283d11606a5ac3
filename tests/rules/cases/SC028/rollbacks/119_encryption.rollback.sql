-- expect: SC028 at 3, 7, 8, 9, 10
-- 119 only added a constraint, an index, a function and (IF NOT EXISTS) an extension
ALTER TABLE messages DROP COLUMN IF EXISTS encryption_version;
DROP INDEX IF EXISTS idx_messages_encryption_version;
DROP FUNCTION IF EXISTS get_message_encryption_stats();
ALTER TABLE messages DROP CONSTRAINT IF EXISTS chk_messages_encryption_version_valid;
DROP TABLE IF EXISTS users;
DROP FUNCTION IF EXISTS update_updated_at_column();
DROP EXTENSION IF EXISTS pgcrypto;
DROP INDEX IF EXISTS idx_messages_conversation_sequence;
