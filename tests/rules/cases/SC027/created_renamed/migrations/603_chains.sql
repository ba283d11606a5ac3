-- each kind made, then renamed once or twice (a chain), or moved to another schema
CREATE TABLE ev_a (id bigint PRIMARY KEY, n int);
CREATE INDEX ev_a_n ON ev_a (n);
ALTER TABLE ev_a RENAME TO ev_b;
ALTER TABLE ev_b RENAME TO ev;
ALTER INDEX ev_a_n RENAME TO ev_n;
CREATE SEQUENCE ev_seq_a;
ALTER SEQUENCE ev_seq_a RENAME TO ev_seq;
CREATE VIEW ev_view_a AS SELECT id FROM ev;
ALTER VIEW ev_view_a RENAME TO ev_view;
CREATE TYPE ev_kind_a AS ENUM ('x', 'y');
ALTER TYPE ev_kind_a RENAME TO ev_kind_b;
ALTER TYPE ev_kind_b RENAME TO ev_kind;
CREATE FUNCTION ev_twice_a(v int) RETURNS int LANGUAGE sql AS 'SELECT 2 * v';
ALTER FUNCTION ev_twice_a(int) RENAME TO ev_twice;
CREATE TABLE ev_old (id bigint PRIMARY KEY, n int);
CREATE INDEX ev_old_n ON ev_old (n);
ALTER TABLE ev_old SET SCHEMA archive;
