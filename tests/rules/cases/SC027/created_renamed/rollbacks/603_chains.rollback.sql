-- expect: none of SC027, SC028, SC029
-- everything dropped under the name it has after the migration
DROP TABLE archive.ev_old;
DROP FUNCTION ev_twice(int);
DROP TYPE ev_kind;
DROP VIEW ev_view;
DROP SEQUENCE ev_seq;
DROP INDEX ev_n;
DROP TABLE ev;
