-- expect: none of SC017
CREATE SCHEMA IF NOT EXISTS scratch;
DROP SCHEMA IF EXISTS scratch;
