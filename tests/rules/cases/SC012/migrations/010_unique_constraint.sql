-- expect: SC012 at 2, 3
ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);
ALTER TABLE device_keys ADD COLUMN IF NOT EXISTS fingerprint text UNIQUE;
