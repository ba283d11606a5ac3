CREATE FUNCTION folded(v text) RETURNS text LANGUAGE sql IMMUTABLE AS 'SELECT lower(v)';
CREATE FUNCTION is_active(v int) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT v = 1';
CREATE FUNCTION code_of(v text) RETURNS text LANGUAGE sql IMMUTABLE AS 'SELECT v';
CREATE TABLE IF NOT EXISTS members (id bigint PRIMARY KEY, email text, state int, code text);
CREATE INDEX members_email_folded ON members (folded(email));
CREATE INDEX members_active ON members (id) WHERE is_active(state);
CREATE UNIQUE INDEX ON members ((code_of(code)) text_pattern_ops DESC, id);
