-- expect: SC000 at 3
-- A CREATE TABLE whose column list is never closed.
CREATE TABLE device_keys (id uuid PRIMARY KEY, user_id uuid NOT NULL;
CREATE INDEX IF NOT EXISTS idx_x ON device_keys (user_id);
