-- expect: none of SC027
-- nothing to undo: a migration of queries and settings needs no rollback
SET lock_timeout = '1s';
SELECT 1;
