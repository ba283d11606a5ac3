CREATE FUNCTION next_code() RETURNS text LANGUAGE sql AS 'SELECT ''c''';
CREATE FUNCTION next_rank() RETURNS int LANGUAGE sql AS 'SELECT 1';
CREATE FUNCTION next_score() RETURNS int LANGUAGE sql AS 'SELECT 2';
CREATE TABLE IF NOT EXISTS tickets (id bigint PRIMARY KEY, code text DEFAULT next_code());
ALTER TABLE tickets ADD COLUMN rank int DEFAULT public.next_rank();
ALTER TABLE accounts ALTER COLUMN score SET DEFAULT next_score();
