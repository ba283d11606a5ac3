CREATE TYPE account_status AS ENUM ('active', 'suspended');
CREATE TYPE billing_plan AS ENUM ('free', 'pro');
CREATE DOMAIN email_address AS text CHECK (VALUE LIKE '%@%');
CREATE DOMAIN public_key AS uuid;
CREATE TABLE IF NOT EXISTS accounts (
    id bigint PRIMARY KEY,
    external_id text,
    legacy_flag integer,
    verified boolean,
    display_name varchar(200),
    status account_status,
    created_at timestamp,
    settings text,
    contact email_address,
    tags text[]
);
CREATE TABLE IF NOT EXISTS profiles (
    id bigint PRIMARY KEY,
    external_id text,
    display_name varchar(200),
    score integer,
    created_at timestamp,
    status account_status,
    settings text,
    contact email_address,
    tags text[],
    verified boolean
);
