-- expect: SC039 at 9, 10, 14
-- DROP FUNCTION without arguments looks among the functions of the name, DROP PROCEDURE
-- among the procedures, DROP ROUTINE among both
CREATE FUNCTION kf(a integer) RETURNS integer LANGUAGE sql AS 'SELECT 1';
CREATE FUNCTION kf(a bigint) RETURNS integer LANGUAGE sql AS 'SELECT 1';
CREATE PROCEDURE kf(a text) LANGUAGE sql AS 'SELECT 1';
CREATE PROCEDURE kp(a text) LANGUAGE sql AS 'SELECT 1';
DROP PROCEDURE kf;
DROP FUNCTION kf;
DROP PROCEDURE kf;
DROP FUNCTION kf(integer);
DROP FUNCTION kf;
CREATE FUNCTION kp(a integer) RETURNS integer LANGUAGE sql AS 'SELECT 1';
DROP ROUTINE kp;
DROP FUNCTION kp;
DROP PROCEDURE kp;
