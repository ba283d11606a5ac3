CREATE TABLE IF NOT EXISTS events (id bigint PRIMARY KEY, kind text, n int);
CREATE SCHEMA IF NOT EXISTS app;
CREATE TYPE mood AS ENUM ('calm', 'busy');
CREATE TYPE app.mood AS ENUM ('calm', 'busy');
