-- expect: SC040 at 18
-- goose reads its annotations in any letter case
-- +goose up
-- +goose statementbegin
CREATE FUNCTION twice(n int) RETURNS int AS $$
BEGIN
  RETURN n * 2;
END;
$$ LANGUAGE plpgsql;
-- +goose statementend
CREATE TABLE sprockets (
  id bigint PRIMARY KEY,
  teeth int NOT NULL
);
-- +goose down
DO $$
BEGIN
  RAISE NOTICE 'dropping twice';
END $$;
DROP FUNCTION IF EXISTS twice(int);
DROP TABLE IF EXISTS sprockets;
