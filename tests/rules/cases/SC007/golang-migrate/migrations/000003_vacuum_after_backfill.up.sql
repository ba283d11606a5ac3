-- expect: SC007 at 3
UPDATE messages SET sender_id = 0 WHERE sender_id IS NULL;
VACUUM (ANALYZE) messages;
