-- expect: SC039 at 6, 11, 16
-- a DROP of several names fails as a whole when one is gone: the other is still there after it
CREATE FUNCTION mf(a integer) RETURNS integer LANGUAGE sql AS 'SELECT 1';
CREATE FUNCTION mg(a integer) RETURNS integer LANGUAGE sql AS 'SELECT 1';
DROP FUNCTION mf(integer);
DROP FUNCTION mf(integer), mg(integer);
DROP FUNCTION mg(integer);
CREATE TABLE ma (id integer);
CREATE TABLE mb (id integer);
DROP TABLE ma;
DROP TABLE ma, mb;
DROP TABLE mb;
CREATE FUNCTION mx(a integer) RETURNS integer LANGUAGE sql AS 'SELECT 1';
CREATE FUNCTION mx(a text) RETURNS integer LANGUAGE sql AS 'SELECT 1';
DROP FUNCTION mx(integer), mx(text);
DROP FUNCTION mx(text);
