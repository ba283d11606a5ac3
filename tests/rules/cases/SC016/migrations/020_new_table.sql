-- expect: none of SC016
CREATE TABLE IF NOT EXISTS t_new (a int, b int);
ALTER TABLE t_new DROP COLUMN IF EXISTS b;
