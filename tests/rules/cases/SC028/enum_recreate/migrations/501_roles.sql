CREATE TYPE role_enum AS ENUM ('OWNER', 'VIEWER');
CREATE TYPE plan AS ENUM ('free', 'paid');
CREATE TABLE IF NOT EXISTS members (
    id bigint PRIMARY KEY,
    role_type role_enum NOT NULL DEFAULT 'VIEWER',
    plan plan
);
