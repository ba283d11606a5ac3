-- expect: none of SC027
ALTER TABLE users ADD COLUMN IF NOT EXISTS code text;
ALTER TABLE users ADD COLUMN IF NOT EXISTS label text;
