-- expect: SC003 at 2, 3, 4
ALTER TABLE messages DROP COLUMN legacy_body CASCADE;
ALTER TABLE messages DROP CONSTRAINT messages_sender_fk CASCADE;
TRUNCATE TABLE sessions CASCADE;
