-- expect: none of SC029
DROP FUNCTION IF EXISTS to_level(int);
DROP FUNCTION IF EXISTS newest();
DROP TYPE IF EXISTS level;
DROP TABLE IF EXISTS readings;
DROP FUNCTION IF EXISTS reading_count();
DROP FUNCTION IF EXISTS describe(text);
