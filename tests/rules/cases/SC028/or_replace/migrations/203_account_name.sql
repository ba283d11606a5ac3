CREATE OR REPLACE FUNCTION account_name(p_id integer) RETURNS text LANGUAGE sql
    AS 'SELECT upper(name) FROM accounts WHERE id = p_id';
CREATE OR REPLACE VIEW named_accounts AS SELECT id, name FROM accounts WHERE name > '';
