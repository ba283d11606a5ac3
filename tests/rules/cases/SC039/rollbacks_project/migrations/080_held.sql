CREATE TABLE acct (id bigint PRIMARY KEY);
CREATE FUNCTION all_accts() RETURNS SETOF acct LANGUAGE sql AS 'SELECT * FROM acct';
CREATE FUNCTION me() RETURNS text LANGUAGE sql STABLE AS 'SELECT current_user::text';
CREATE TABLE docs (id bigint, owner text);
CREATE POLICY docs_own ON docs USING (owner = me());
CREATE FUNCTION default_limit() RETURNS integer LANGUAGE sql AS 'SELECT 10';
CREATE FUNCTION page(n integer DEFAULT default_limit()) RETURNS integer LANGUAGE sql
    AS 'SELECT n';
