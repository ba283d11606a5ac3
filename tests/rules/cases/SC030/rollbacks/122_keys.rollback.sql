-- expect: SC030 at 2, 3
ALTER TABLE messages DROP COLUMN IF EXISTS device_key_id;
DROP TABLE IF EXISTS device_keys;
