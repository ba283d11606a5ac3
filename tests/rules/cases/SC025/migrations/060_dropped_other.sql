-- expect: SC025 at 5, 7, 9, 11, 13, 14
-- a DROP of another object, of another kind, of other argument types, or without IF EXISTS
-- or after the CREATE does not count
DROP TABLE IF EXISTS scratch_old;
CREATE TABLE scratch (id bigint PRIMARY KEY);
DROP VIEW IF EXISTS counters;
CREATE TABLE counters (id bigint PRIMARY KEY);
DROP FUNCTION IF EXISTS f(int);
CREATE FUNCTION f(text) RETURNS int LANGUAGE sql AS 'select 1';
DROP INDEX IF EXISTS scratch_id;
CREATE INDEX scratch_id ON app.scratch (id);
DROP TABLE reports;
CREATE TABLE reports (id bigint);
CREATE VIEW w AS SELECT 1 AS x;
DROP VIEW IF EXISTS w;
