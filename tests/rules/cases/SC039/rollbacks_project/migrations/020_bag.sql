CREATE FUNCTION f(a integer, b text) RETURNS integer LANGUAGE sql AS 'SELECT a';
CREATE FUNCTION add_to_bag(v integer) RETURNS integer LANGUAGE sql AS 'SELECT v';
CREATE FUNCTION add_to_bag(v text) RETURNS integer LANGUAGE sql AS 'SELECT 1';
CREATE PROCEDURE tidy(n integer) LANGUAGE sql AS 'SELECT 1';
