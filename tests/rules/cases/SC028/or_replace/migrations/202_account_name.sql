CREATE OR REPLACE FUNCTION account_name(p_id int4) RETURNS text LANGUAGE sql
    AS 'SELECT coalesce(name, ''?'') FROM accounts WHERE id = p_id';
CREATE OR REPLACE VIEW named_accounts AS SELECT id, name FROM accounts WHERE name <> '';
CREATE OR REPLACE FUNCTION account_initial(p_id integer) RETURNS text LANGUAGE sql
    AS 'SELECT left(name, 1) FROM accounts WHERE id = p_id';
