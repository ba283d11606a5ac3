-- expect: none of SC001
BEGIN;
CREATE TABLE IF NOT EXISTS app.device_keys (id uuid PRIMARY KEY, user_id uuid NOT NULL);
CREATE INDEX IF NOT EXISTS idx_device_keys_user_id ON app.device_keys (user_id);
COMMIT;
