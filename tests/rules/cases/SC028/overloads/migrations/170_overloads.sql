CREATE FUNCTION lookup(id integer) RETURNS int LANGUAGE sql AS 'SELECT 2';
CREATE FUNCTION score(v bigint) RETURNS int LANGUAGE sql AS 'SELECT 3';
CREATE PROCEDURE refresh(IN since text, OUT n integer) LANGUAGE plpgsql AS $$ BEGIN n := 1; END $$;
CREATE FUNCTION audit_note(msg text, level int) RETURNS text LANGUAGE sql AS 'SELECT msg';
