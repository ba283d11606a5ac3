-- find_account(accounts.id%TYPE) is find_account(bigint): PostgreSQL takes the column's type
CREATE OR REPLACE FUNCTION find_account(p accounts.id%TYPE) RETURNS text LANGUAGE sql AS 'SELECT ''a''';
CREATE OR REPLACE FUNCTION find_account(a bigint, b bigint) RETURNS text LANGUAGE sql AS 'SELECT ''b''';
