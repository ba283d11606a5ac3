-- expect: SC029 at 3
-- the function goes while its view (and trigger) still stand
DROP FUNCTION vf2();
DROP VIEW v2;
