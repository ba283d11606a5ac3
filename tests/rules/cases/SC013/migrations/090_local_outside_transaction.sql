-- expect: SC013 at 4
-- SET LOCAL outside BEGIN ... COMMIT has no effect
SET LOCAL lock_timeout = '5s';
ALTER TABLE messages ADD COLUMN IF NOT EXISTS x int;
