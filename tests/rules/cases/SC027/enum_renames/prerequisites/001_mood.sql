CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy', 'great');
CREATE TABLE IF NOT EXISTS diary (id bigint PRIMARY KEY, mood mood);
