-- expect: none of SC044
-- each default is cast to the new type by assignment: integer to bigint and to text, numeric
-- to integer, boolean to text; a text column's `DEFAULT 0` is an integer, which converts to
-- integer (the values need USING, not the default)
ALTER TABLE prefs ALTER COLUMN n TYPE bigint;
ALTER TABLE prefs ALTER COLUMN ratio TYPE integer;
ALTER TABLE prefs ALTER COLUMN flag TYPE text;
ALTER TABLE prefs ALTER COLUMN label TYPE integer USING label::integer;
ALTER TABLE prefs ALTER COLUMN paren TYPE numeric;
ALTER TABLE prefs ALTER COLUMN plain TYPE text;
