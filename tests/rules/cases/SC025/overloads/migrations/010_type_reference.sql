-- expect: none of SC025
-- a `%TYPE` argument has its column's type: a DROP naming the same column, the type it is
-- (text), or a `%TYPE` for a parameter written as that type, names the function created
DROP FUNCTION IF EXISTS user_by_email(users.email%TYPE);
CREATE FUNCTION user_by_email(e users.email%TYPE) RETURNS bigint
    LANGUAGE sql AS 'SELECT id FROM users WHERE email = e';
DROP FUNCTION IF EXISTS domain_of(text);
CREATE FUNCTION domain_of(e users.email%TYPE) RETURNS text
    LANGUAGE sql AS $$SELECT split_part(e, '@', 2)$$;
DROP FUNCTION IF EXISTS local_part(public.users.email%TYPE, integer);
CREATE FUNCTION local_part(e text, n int4 DEFAULT 1) RETURNS text
    LANGUAGE sql AS $$SELECT split_part(e, '@', n)$$;
