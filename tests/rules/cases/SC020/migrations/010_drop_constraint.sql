-- expect: SC020 at 2
ALTER TABLE messages DROP CONSTRAINT IF EXISTS messages_conversation_fk;
