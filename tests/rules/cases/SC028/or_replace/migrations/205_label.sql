-- 204 dropped account_label(integer): this one is made anew
CREATE OR REPLACE FUNCTION account_label(p_id integer) RETURNS text LANGUAGE sql
    AS 'SELECT ''no. '' || p_id';
