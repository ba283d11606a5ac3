CREATE TABLE IF NOT EXISTS device_keys (id uuid PRIMARY KEY, user_id uuid);
CREATE INDEX IF NOT EXISTS idx_device_keys_user_id ON device_keys (user_id);
ALTER TABLE messages ADD COLUMN IF NOT EXISTS device_key_id uuid;
