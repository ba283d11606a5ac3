-- expect: SC044 at 5
-- a loose file is checked on its own statements
CREATE TABLE scratch (id bigint PRIMARY KEY, n integer);
CREATE VIEW scratch_ids AS SELECT id FROM scratch;
DROP TABLE scratch;
DROP VIEW scratch_ids;
DROP TABLE scratch;
