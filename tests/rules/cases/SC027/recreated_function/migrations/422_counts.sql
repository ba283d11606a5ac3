CREATE OR REPLACE FUNCTION admin_count() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM users WHERE is_admin IS TRUE $$;
DROP FUNCTION user_count();
CREATE FUNCTION user_count() RETURNS bigint LANGUAGE sql AS $$ SELECT count(id) FROM users $$;
