-- expect: SC029 at 4, 6
-- `0` is an integer (no assignment cast to boolean), `true` a boolean (none to integer); a
-- text column's `DEFAULT 0` is an integer too, which converts to integer
ALTER TABLE prefs ALTER COLUMN n TYPE boolean USING n <> 0;
ALTER TABLE prefs ALTER COLUMN label TYPE integer USING 0;
ALTER TABLE prefs ALTER COLUMN flag TYPE integer USING 1;
DROP TABLE prefs;
