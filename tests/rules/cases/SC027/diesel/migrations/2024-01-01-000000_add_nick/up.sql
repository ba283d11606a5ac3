-- expect: none of SC027
ALTER TABLE users ADD COLUMN IF NOT EXISTS nick text;
