-- expect: SC043 at 8
-- with check_function_bodies off (as pg_dump's output sets it) a LANGUAGE sql body is not
-- checked when it is created; a BEGIN ATOMIC body is read all the same
BEGIN;
SET LOCAL check_function_bodies = off;
ALTER TYPE order_status ADD VALUE 'paused';
CREATE FUNCTION paused_count() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM orders WHERE status = 'paused' $$;
CREATE FUNCTION paused_ids() RETURNS SETOF int LANGUAGE sql BEGIN ATOMIC SELECT id FROM orders WHERE status = 'paused'; END;
COMMIT;
