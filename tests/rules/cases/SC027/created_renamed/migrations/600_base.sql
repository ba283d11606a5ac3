CREATE SCHEMA archive;
CREATE TYPE status AS ENUM ('active', 'archived', 'legacy');
CREATE TABLE doc (id bigint PRIMARY KEY, s status NOT NULL DEFAULT 'active');
