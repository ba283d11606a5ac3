-- expect: SC027 at file, file
-- users_tmp_idx went with tmp in the migration itself; tmp2 and its index stay
SELECT 1;
