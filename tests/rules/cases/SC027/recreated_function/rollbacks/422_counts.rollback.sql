-- expect: none of SC027
-- both existed before the migration: the rollback gives back their earlier bodies
CREATE OR REPLACE FUNCTION admin_count() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM users WHERE is_admin $$;
CREATE OR REPLACE FUNCTION user_count() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM users $$;
