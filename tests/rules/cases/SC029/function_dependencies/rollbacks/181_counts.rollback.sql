-- expect: SC029 at 4
-- a BEGIN ATOMIC body's tables are the function's dependencies
DROP FUNCTION IF EXISTS account_count();
DROP TABLE IF EXISTS samples;
DROP FUNCTION IF EXISTS sample_count();
