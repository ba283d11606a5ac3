-- expect: none of SC027, SC028
ALTER TABLE t DROP CONSTRAINT t_code_key;
