-- expect: SC040 at 9
-- goose reads `;` then a `--` comment as the end of a statement, inside a body too
-- +goose Up
CREATE TABLE counters (id bigint PRIMARY KEY, n int NOT NULL DEFAULT 0); -- a table

CREATE FUNCTION bump(k bigint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE counters SET n = n + 1 WHERE id = k; -- one more
END $$;

-- +goose Down
DROP FUNCTION IF EXISTS bump(bigint); -- the function
DROP TABLE IF EXISTS counters;
