-- expect: SC008 at 2
DROP INDEX IF EXISTS idx_messages_encryption_version;
