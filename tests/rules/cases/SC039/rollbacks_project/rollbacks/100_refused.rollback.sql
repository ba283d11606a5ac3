-- expect: SC039 at 9, 11
-- a refused DROP (the view reads the column, the trigger calls the function) leaves what it
-- names there, with what hangs on it: the index, the function
ALTER TABLE vc DROP COLUMN u;
DROP INDEX vc_u;
DROP FUNCTION tv_touch();
DROP TRIGGER tv_t ON tv;
DROP FUNCTION tv_touch();
DROP FUNCTION tv_touch();
DROP VIEW vc_view;
DROP TRIGGER tv_t ON tv;
DROP TABLE vc;
DROP TABLE tv;
