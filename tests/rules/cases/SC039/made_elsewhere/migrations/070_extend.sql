ALTER TABLE legacy ADD COLUMN note text;
CREATE FUNCTION legacy_fn(v text) RETURNS integer LANGUAGE sql AS 'SELECT 1';
