-- expect: SC043 at 12
-- check_function_bodies set off for the session holds in the transactions after it, until
-- RESET
SET check_function_bodies = off;
BEGIN;
ALTER TYPE order_status ADD VALUE 'queued';
CREATE FUNCTION queued_count() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM orders WHERE status = 'queued' $$;
COMMIT;
RESET check_function_bodies;
BEGIN;
ALTER TYPE order_status ADD VALUE 'stalled';
CREATE FUNCTION stalled_count() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM orders WHERE status = 'stalled' $$;
COMMIT;
