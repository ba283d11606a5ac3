-- expect: none of SC029
-- the defaults go before the types they are constants of
ALTER TABLE paints ALTER COLUMN hue_name DROP DEFAULT;
ALTER TABLE paints ALTER COLUMN hue DROP DEFAULT, ALTER COLUMN hue TYPE text;
DROP TYPE IF EXISTS hue;
ALTER TABLE paints DROP COLUMN size;
DROP TYPE IF EXISTS size;
DROP TABLE IF EXISTS paints;
