CREATE TABLE IF NOT EXISTS accounts (id integer PRIMARY KEY, name text);
CREATE FUNCTION account_name(p_id integer) RETURNS text LANGUAGE sql
    AS 'SELECT name FROM accounts WHERE id = p_id';
CREATE VIEW named_accounts AS SELECT id, name FROM accounts WHERE name IS NOT NULL;
CREATE FUNCTION account_label(p_id integer) RETURNS text LANGUAGE sql
    AS 'SELECT ''#'' || p_id';
