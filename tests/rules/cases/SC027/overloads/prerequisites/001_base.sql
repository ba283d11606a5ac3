CREATE TABLE IF NOT EXISTS accounts (id bigint PRIMARY KEY, email text);
CREATE OR REPLACE FUNCTION account_score(integer) RETURNS int LANGUAGE sql AS 'SELECT 1';
CREATE SCHEMA IF NOT EXISTS app;
CREATE SCHEMA IF NOT EXISTS archive;
CREATE TYPE mood AS ENUM ('calm', 'busy');
CREATE TYPE app.mood AS ENUM ('calm', 'busy');
CREATE TYPE archive.mood AS ENUM ('calm', 'busy');
