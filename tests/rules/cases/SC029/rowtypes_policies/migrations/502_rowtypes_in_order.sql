CREATE SCHEMA IF NOT EXISTS archive;
CREATE TABLE IF NOT EXISTS wallets (id bigint PRIMARY KEY);
CREATE FUNCTION wallet_rows() RETURNS SETOF wallets LANGUAGE sql AS 'SELECT * FROM wallets';
CREATE TABLE IF NOT EXISTS purse (id int);
CREATE TABLE IF NOT EXISTS archive.purse (id int);
CREATE FUNCTION old_purses() RETURNS SETOF archive.purse LANGUAGE sql
    AS 'SELECT * FROM archive.purse';
CREATE TABLE IF NOT EXISTS "date" (id int);
CREATE FUNCTION day_of(d date) RETURNS int LANGUAGE sql AS 'SELECT 1';
