-- expect: none of SC027, SC029
-- a dropped view takes its triggers with it
DROP VIEW v;
DROP FUNCTION vf();
