-- expect: none of SC028
ALTER TABLE messages DROP COLUMN IF EXISTS device_key_id;
DROP INDEX IF EXISTS idx_device_keys_user_id;
DROP TABLE IF EXISTS public.device_keys;
