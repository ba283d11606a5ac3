-- expect: none of SC029
-- the overloads nothing uses go first: the trigger runs touch(), the view calls mix(integer)
DROP FUNCTION IF EXISTS touch(int);
DROP FUNCTION IF EXISTS mix(text);
DROP VIEW IF EXISTS log_mix;
DROP TABLE IF EXISTS logs;
DROP FUNCTION IF EXISTS touch();
DROP FUNCTION IF EXISTS mix(integer);
