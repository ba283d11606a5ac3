-- expect: SC027 at file
-- forgets messages_sender_id_fkey, which the migration added without naming it
ALTER TABLE messages DROP CONSTRAINT IF EXISTS messages_pkey;
