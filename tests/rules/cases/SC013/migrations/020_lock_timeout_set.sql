-- expect: none of SC013
SET lock_timeout = '5s';
ALTER TABLE messages ADD COLUMN IF NOT EXISTS x int;
