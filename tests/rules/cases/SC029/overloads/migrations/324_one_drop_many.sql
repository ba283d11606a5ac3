CREATE FUNCTION pick(v integer) RETURNS int LANGUAGE sql AS 'SELECT v';
CREATE FUNCTION pick(v text) RETURNS int LANGUAGE sql AS 'SELECT 0';
CREATE FUNCTION retain(v integer) RETURNS int LANGUAGE sql AS 'SELECT v';
CREATE FUNCTION retain(v text) RETURNS int LANGUAGE sql AS 'SELECT 0';
CREATE VIEW picked AS SELECT pick(1) AS p, retain('a'::text) AS k;
