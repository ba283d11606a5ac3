-- expect: none of SC027
-- nothing to restore: the index did not exist before the migration
SELECT 1;
