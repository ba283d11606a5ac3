-- expect: SC013 at 4
SET lock_timeout = '5s';
RESET lock_timeout;
ALTER TABLE messages ADD COLUMN IF NOT EXISTS x int;
