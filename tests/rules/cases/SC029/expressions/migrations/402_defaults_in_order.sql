CREATE FUNCTION pass_code() RETURNS text LANGUAGE sql AS 'SELECT ''p''';
CREATE FUNCTION pass_kind() RETURNS int LANGUAGE sql AS 'SELECT 1';
CREATE FUNCTION pass_tier() RETURNS int LANGUAGE sql AS 'SELECT 2';
CREATE FUNCTION pass_note() RETURNS text LANGUAGE sql AS 'SELECT ''n''';
CREATE FUNCTION mark(v integer) RETURNS text LANGUAGE sql AS 'SELECT v::text';
CREATE FUNCTION mark(v text) RETURNS text LANGUAGE sql AS 'SELECT v';
CREATE TABLE IF NOT EXISTS passes (
    id bigint PRIMARY KEY,
    code text DEFAULT pass_code(),
    kind int DEFAULT pass_kind(),
    note text DEFAULT 'pass_note()',
    stamp timestamptz DEFAULT now(),
    tag text DEFAULT mark('x')
);
ALTER TABLE accounts ADD COLUMN tier int DEFAULT pass_tier();
