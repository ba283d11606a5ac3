-- expect: none of SC005
CREATE TABLE IF NOT EXISTS device_keys (id uuid PRIMARY KEY, user_id uuid);
ALTER TABLE device_keys ADD CONSTRAINT device_keys_user_fk FOREIGN KEY (user_id) REFERENCES users (id);
ALTER TABLE messages ADD COLUMN IF NOT EXISTS device_key_id uuid REFERENCES device_keys (id);
