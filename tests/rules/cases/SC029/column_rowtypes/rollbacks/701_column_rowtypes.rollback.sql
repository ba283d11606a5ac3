-- expect: SC029 at 5, 5, 6, 7, 8, 9, 9, 9
-- a column of another table whose type is a table's (or a view's) row type, or an array of
-- it, holds that table until the column (or its table) is gone or has another type
ALTER TABLE shapes DROP COLUMN IF EXISTS missing;
DROP TABLE points;
DROP VIEW labels;
DROP MATERIALIZED VIEW totals;
DROP TABLE sizes;
DROP TABLE IF EXISTS sizes, points;
ALTER TABLE accounts DROP COLUMN size, DROP COLUMN total;
DROP TABLE sizes;
DROP MATERIALIZED VIEW totals;
DROP TABLE tags;
DROP VIEW labels;
ALTER TABLE shapes ALTER COLUMN origin TYPE text USING origin::text;
DROP TABLE shapes;
DROP TABLE points;
