-- expect: none of SC029
-- routes.start is archive.coords, not coords; legs.a is text now; day is pg_catalog's date,
-- not the table "date"; a column dropped first; a table dropped with the column's table
ALTER TABLE stops DROP COLUMN c;
DROP TABLE coords;
DROP TABLE "date";
DROP TABLE boxes, crates;
DROP TABLE routes, archive.coords;
DROP TABLE events, legs, stops;
