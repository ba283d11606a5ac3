CREATE TYPE mood AS ENUM ('sad', 'ok');
CREATE TABLE IF NOT EXISTS diary (id bigint PRIMARY KEY, mood mood NOT NULL DEFAULT 'ok');
