-- expect: none of SC039
-- nothing dropped twice: drops in a right order, IF EXISTS, a DROP PostgreSQL refuses (the
-- view still reads the table) leaves the table there, one overload dropped by name alone
DROP TABLE t6;
DROP INDEX t6_note_idx;
DROP VIEW t6v;
DROP TABLE t6;
DROP TABLE IF EXISTS t6;
DROP INDEX IF EXISTS t6_note_idx;
DROP FUNCTION only_one;
DROP FUNCTION IF EXISTS only_one(integer);
