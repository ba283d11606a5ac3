-- expect: none of SC029
-- DROP INDEX, or dropping a column an index reads (in its predicate too), removes the index
DROP INDEX IF EXISTS doors_name_trimmed;
DROP FUNCTION IF EXISTS trimmed(text);
ALTER TABLE doors DROP COLUMN state;
DROP FUNCTION IF EXISTS is_open(int);
DROP FUNCTION IF EXISTS is_shut(int);
DROP TABLE IF EXISTS doors;
