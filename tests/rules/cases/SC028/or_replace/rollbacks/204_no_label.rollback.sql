CREATE FUNCTION account_label(p_id integer) RETURNS text LANGUAGE sql
    AS 'SELECT ''#'' || p_id';
