-- expect: none of SC019
CREATE TABLE IF NOT EXISTS t_tmp (a int);
ALTER TABLE t_tmp RENAME COLUMN a TO b;
ALTER TABLE t_tmp RENAME TO t_final;
