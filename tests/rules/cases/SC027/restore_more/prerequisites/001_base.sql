CREATE TABLE IF NOT EXISTS accounts (
    id bigint PRIMARY KEY,
    email text CONSTRAINT accounts_email_key UNIQUE,
    age int,
    CONSTRAINT accounts_age_check CHECK (age >= 0)
);
ALTER TABLE accounts ADD CONSTRAINT accounts_email_lower CHECK (email = lower(email));
CREATE TABLE IF NOT EXISTS legacy_logs (id bigint PRIMARY KEY, line text);
CREATE TABLE IF NOT EXISTS old_audit (id bigint PRIMARY KEY, note text);
CREATE OR REPLACE FUNCTION score(integer) RETURNS int LANGUAGE sql AS 'SELECT 1';
CREATE OR REPLACE FUNCTION score(text) RETURNS int LANGUAGE sql AS 'SELECT 2';
CREATE OR REPLACE FUNCTION only_one(integer) RETURNS int LANGUAGE sql AS 'SELECT 1';
CREATE OR REPLACE FUNCTION tally(integer) RETURNS int LANGUAGE sql AS 'SELECT 1';
