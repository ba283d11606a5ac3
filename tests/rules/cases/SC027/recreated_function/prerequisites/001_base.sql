CREATE TABLE users (id int PRIMARY KEY, is_admin boolean);
CREATE FUNCTION admin_count() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM users WHERE is_admin $$;
CREATE FUNCTION user_count() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM users $$;
