-- expect: none of SC027
-- the index the migration made went with its column in the migration itself
SELECT 1;
