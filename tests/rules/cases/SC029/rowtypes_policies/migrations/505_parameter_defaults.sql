CREATE FUNCTION default_limit() RETURNS int LANGUAGE sql AS 'SELECT 10';
CREATE FUNCTION default_sort() RETURNS text LANGUAGE sql AS 'SELECT ''id''';
CREATE FUNCTION page(n int DEFAULT default_limit()) RETURNS int LANGUAGE sql AS 'SELECT n';
CREATE FUNCTION page(n int, sort text = default_sort()) RETURNS int LANGUAGE sql
    AS 'SELECT n';
