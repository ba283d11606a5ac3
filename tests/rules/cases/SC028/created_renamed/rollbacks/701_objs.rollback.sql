-- expect: none of SC027, SC028
-- SELECT ... INTO creates a table as CREATE TABLE ... AS does; what the migration renamed
-- is dropped under its new name
DROP INDEX t_a_idx;
DROP TABLE t4;
DROP TYPE feeling;
DROP TABLE x_into_unlogged;
DROP TABLE x_into;
DROP TABLE x_as;
