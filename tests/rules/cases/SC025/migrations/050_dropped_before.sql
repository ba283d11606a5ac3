-- expect: none of SC025
-- a DROP ... IF EXISTS of the same object earlier in the file makes the CREATE re-runnable
DROP TABLE IF EXISTS scratch, reports.totals;
DROP SCHEMA IF EXISTS reports;
CREATE SCHEMA reports;
CREATE TABLE scratch (id bigint PRIMARY KEY);
CREATE TABLE reports.totals (n bigint);
DROP FUNCTION IF EXISTS f();
CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'select 1';
DROP FUNCTION IF EXISTS g(int4, varchar);
CREATE FUNCTION g(a integer, b character varying(10) DEFAULT 'x') RETURNS int
    LANGUAGE sql AS 'select 1';
DROP FUNCTION IF EXISTS h;
CREATE FUNCTION h(OUT r int) LANGUAGE sql AS 'select 1';
DROP PROCEDURE IF EXISTS p(int);
CREATE PROCEDURE p(a int) LANGUAGE sql AS 'select 1';
DROP VIEW IF EXISTS v;
CREATE VIEW v AS SELECT 1 AS x;
DROP INDEX IF EXISTS scratch_id;
CREATE INDEX scratch_id ON scratch (id);
DROP INDEX IF EXISTS reports.totals_n;
CREATE INDEX totals_n ON reports.totals (n);
DROP SEQUENCE IF EXISTS counter;
CREATE SEQUENCE counter;
DROP EXTENSION IF EXISTS pgcrypto;
CREATE EXTENSION pgcrypto;
