-- 001: users.
--
-- uuid-ossp provides uuid_generate_v4(), the default for every uuid primary key in this
-- schema, so it is created first.

BEGIN;

CREATE EXTENSION IF NOT EXISTS "uuid-ossp";

CREATE TABLE users (
    id           uuid         PRIMARY KEY DEFAULT uuid_generate_v4(),
    email        varchar(255) NOT NULL,
    display_name varchar(100),
    is_active    boolean      NOT NULL DEFAULT true,
    created_at   timestamptz  NOT NULL DEFAULT now(),
    updated_at   timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT users_email_key UNIQUE (email)
);

INSERT INTO schema_migrations (version) VALUES (1) ON CONFLICT (version) DO NOTHING;

COMMIT;
