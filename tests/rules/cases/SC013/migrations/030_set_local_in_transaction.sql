-- expect: none of SC013
BEGIN;
SET LOCAL lock_timeout TO '3s';
ALTER TABLE messages ADD COLUMN IF NOT EXISTS x int;
COMMIT;
