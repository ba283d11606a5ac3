-- expect: none of SC042
-- Columns whose type the files do not tell at this point, and types the files did not make:
-- never reported (PostgreSQL may refuse some of these, but the files do not show it).
ALTER TABLE sessions ALTER COLUMN token TYPE uuid;
ALTER TABLE profiles ALTER COLUMN id TYPE account_id;
ALTER TABLE profiles RENAME COLUMN settings TO preferences;
ALTER TABLE profiles ALTER COLUMN preferences TYPE jsonb;
ALTER TABLE profiles RENAME TO people;
ALTER TABLE people ALTER COLUMN contact TYPE uuid;
ALTER TABLE accounts DROP COLUMN external_id;
ALTER TABLE accounts ALTER COLUMN external_id TYPE uuid;
CREATE TABLE IF NOT EXISTS accounts (id bigint PRIMARY KEY, verified integer);
ALTER TABLE accounts ALTER COLUMN verified TYPE boolean;
