-- expect: none of SC027, SC028
-- the previous definitions, restored (dropped and created again is as good)
CREATE OR REPLACE FUNCTION account_name(p_id integer) RETURNS text LANGUAGE sql
    AS 'SELECT coalesce(name, ''?'') FROM accounts WHERE id = p_id';
DROP VIEW named_accounts;
CREATE VIEW named_accounts AS SELECT id, name FROM accounts WHERE name <> '';
