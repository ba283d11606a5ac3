-- expect: none of SC042
-- With USING, or between types PostgreSQL converts by itself (every type converts to a
-- string type), or after a DO block that may have changed the column. Each of these runs on
-- PostgreSQL.
ALTER TABLE profiles ALTER COLUMN external_id TYPE uuid USING external_id::uuid;
ALTER TABLE profiles ALTER COLUMN display_name TYPE text;
ALTER TABLE profiles ALTER COLUMN display_name TYPE varchar(10);
ALTER TABLE profiles ALTER COLUMN score TYPE bigint;
ALTER TABLE profiles ALTER COLUMN score TYPE numeric;
ALTER TABLE profiles ALTER COLUMN score TYPE text;
ALTER TABLE profiles ALTER COLUMN created_at TYPE timestamptz;
ALTER TABLE profiles ALTER COLUMN status TYPE text;
ALTER TABLE profiles ALTER COLUMN tags TYPE varchar(40)[];
ALTER TABLE profiles ALTER COLUMN contact TYPE varchar(320);
ALTER TABLE profiles ALTER COLUMN verified TYPE boolean;
ALTER TABLE profiles ALTER COLUMN settings TYPE varchar(100) USING settings::varchar;
ALTER TABLE profiles ALTER COLUMN external_id TYPE text;
CREATE TABLE IF NOT EXISTS ledgers (id bigint PRIMARY KEY, amount text);
DO $$ BEGIN ALTER TABLE ledgers ALTER COLUMN amount TYPE numeric USING amount::numeric; END $$;
ALTER TABLE ledgers ALTER COLUMN amount TYPE bigint;
