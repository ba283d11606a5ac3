-- expect: SC044 at 8, 9, 10, 11, 12, 13, 14, 15, 16
-- each default is a constant PostgreSQL has no assignment cast for to the new type, USING or
-- not: `0` (integer, kept so through the change to bigint) and `-1` to boolean, `true` (kept
-- boolean through the change to text) to integer, `(0)` to an enum, `'5'` of an integer
-- column to boolean, `0::bigint` to uuid, `1.5` (numeric, through the change to integer) to
-- date, `3000000000` (bigint) to boolean, `'t'::boolean` to integer; a default dropped first
-- (in the same statement or before) is not cast
ALTER TABLE prefs ALTER COLUMN n TYPE boolean USING n <> 0;
ALTER TABLE prefs ALTER COLUMN big TYPE boolean USING big <> 0;
ALTER TABLE prefs ALTER COLUMN flag TYPE integer USING 1;
ALTER TABLE prefs ALTER COLUMN paren TYPE shade USING 'light';
ALTER TABLE prefs ALTER COLUMN code TYPE boolean USING code <> 0;
ALTER TABLE prefs ALTER COLUMN cast_big TYPE uuid USING NULL;
ALTER TABLE prefs ALTER COLUMN ratio TYPE date USING NULL;
ALTER TABLE prefs ALTER COLUMN huge TYPE boolean USING huge <> 0;
ALTER TABLE prefs ALTER COLUMN yes TYPE integer USING 1;
ALTER TABLE prefs ALTER COLUMN label TYPE text;
ALTER TABLE prefs ALTER COLUMN plain TYPE integer USING 0;
ALTER TABLE prefs ALTER COLUMN n DROP DEFAULT, ALTER COLUMN n TYPE boolean USING n <> 0;
ALTER TABLE prefs ALTER COLUMN dropped DROP DEFAULT;
ALTER TABLE prefs ALTER COLUMN dropped TYPE boolean USING dropped <> 0;
