CREATE TABLE IF NOT EXISTS accounts (id bigint PRIMARY KEY, email text);
CREATE OR REPLACE FUNCTION account_score(integer) RETURNS int LANGUAGE sql AS 'SELECT 1';
