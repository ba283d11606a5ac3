-- expect: SC029 at 4, 5, 6
-- a column default calls the function (CREATE TABLE, ADD COLUMN ... DEFAULT, SET DEFAULT):
-- DROP FUNCTION and DROP ROUTINE fail until the column, its table or the default is gone
DROP FUNCTION IF EXISTS next_code();
DROP ROUTINE IF EXISTS next_rank;
DROP FUNCTION IF EXISTS next_score();
DROP TABLE IF EXISTS tickets;
