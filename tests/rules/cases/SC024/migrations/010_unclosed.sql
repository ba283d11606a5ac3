-- expect: SC024 at 2
BEGIN;
CREATE TABLE IF NOT EXISTS device_keys (id uuid PRIMARY KEY);
