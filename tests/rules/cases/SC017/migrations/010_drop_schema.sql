-- expect: SC017 at 2
DROP SCHEMA IF EXISTS reporting;
