-- expect: none of SC027
-- paired by name with migrations/add_a.sql
DROP TABLE IF EXISTS a;
