-- expect: SC042 at 7, 8, 9, 10, 11, 11, 12, 13, 14, 15
-- Each of these fails on PostgreSQL without USING (42804, cannot be cast automatically).
CREATE TABLE IF NOT EXISTS devices (
    id bigint PRIMARY KEY,
    serial_number char(12)
);
ALTER TABLE accounts ALTER COLUMN external_id TYPE uuid;
ALTER TABLE accounts ALTER COLUMN legacy_flag SET DATA TYPE boolean;
ALTER TABLE public.accounts ALTER verified TYPE smallint;
ALTER TABLE accounts ALTER COLUMN status TYPE billing_plan;
ALTER TABLE ONLY accounts ALTER COLUMN settings TYPE jsonb, ALTER COLUMN tags TYPE integer[];
ALTER TABLE accounts ALTER COLUMN contact TYPE public_key;
ALTER TABLE devices ALTER COLUMN serial_number TYPE bigint;
ALTER TABLE accounts ALTER COLUMN display_name TYPE account_status;
ALTER TABLE accounts ALTER COLUMN created_at TYPE integer;
