-- expect: SC028 at 4
-- tags is the migration's but the rollback keeps it: the trigger is judged as on any
-- other table
DROP TRIGGER IF EXISTS tags_touch ON tags;
