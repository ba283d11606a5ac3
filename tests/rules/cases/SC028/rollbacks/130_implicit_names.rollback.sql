-- expect: none of SC028, SC020, SC027
-- the constraints carry the names PostgreSQL chose for them
ALTER TABLE messages DROP CONSTRAINT IF EXISTS messages_sender_id_fkey;
ALTER TABLE messages DROP CONSTRAINT IF EXISTS messages_reply_to_fkey;
ALTER TABLE messages DROP COLUMN IF EXISTS reply_to;
ALTER TABLE messages DROP CONSTRAINT IF EXISTS messages_encryption_version_check;
ALTER TABLE conversations DROP CONSTRAINT IF EXISTS conversations_title_created_by_key;
