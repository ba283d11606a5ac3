-- expect: none of SC027
DROP INDEX CONCURRENTLY IF EXISTS idx_messages_encryption_version;
ALTER TABLE messages DROP CONSTRAINT IF EXISTS chk_messages_encryption_version_valid;
ALTER TABLE messages DROP COLUMN IF EXISTS content_nonce;
