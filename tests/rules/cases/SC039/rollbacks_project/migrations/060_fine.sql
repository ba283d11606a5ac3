CREATE TABLE t6 (id integer PRIMARY KEY, note text);
CREATE INDEX t6_note_idx ON t6 (note);
CREATE VIEW t6v AS SELECT id FROM t6;
CREATE FUNCTION only_one(v integer) RETURNS integer LANGUAGE sql AS 'SELECT v';
