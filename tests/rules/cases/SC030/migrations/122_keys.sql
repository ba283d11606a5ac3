CREATE TABLE IF NOT EXISTS device_keys (id uuid PRIMARY KEY);
ALTER TABLE messages ADD COLUMN IF NOT EXISTS device_key_id uuid;
