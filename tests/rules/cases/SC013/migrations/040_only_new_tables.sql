-- expect: none of SC013
CREATE TABLE IF NOT EXISTS device_keys (id uuid PRIMARY KEY);
CREATE INDEX IF NOT EXISTS idx_dk ON device_keys (id);
ALTER TABLE device_keys ADD COLUMN IF NOT EXISTS x int;
