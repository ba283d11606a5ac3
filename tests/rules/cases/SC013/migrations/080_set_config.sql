-- expect: none of SC013
SELECT set_config('lock_timeout', '5s', false);
ALTER TABLE messages ADD COLUMN IF NOT EXISTS x int;
