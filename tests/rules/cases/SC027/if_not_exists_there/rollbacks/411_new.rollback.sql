-- expect: SC027 at file, file, file, file
-- the index, the table and the column did not exist before; idx_users_is_admin, dropped
-- first, is made again (partial now), so the IF NOT EXISTS made it
SELECT 1;
