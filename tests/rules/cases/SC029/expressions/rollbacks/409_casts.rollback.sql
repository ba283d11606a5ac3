-- expect: SC029 at 5, 6, 6, 7
-- a cast in a default or a CHECK constraint depends on the type; the string default of an
-- enum column is a constant of the enum, and stays one when the column's type changes
ALTER TABLE bulbs ALTER COLUMN tone TYPE text;
DROP TYPE IF EXISTS tone;
DROP TYPE IF EXISTS shade;
DROP DOMAIN IF EXISTS watts;
DROP TABLE IF EXISTS lamps, bulbs;
