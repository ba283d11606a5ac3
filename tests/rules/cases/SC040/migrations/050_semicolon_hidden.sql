-- expect: none of SC040
-- goose does not end a statement at these lines: the `;` is glued to a comment, followed
-- by a block comment, inside a `--` comment, or not the last word; one-line bodies
-- +goose Up
CREATE FUNCTION answer() RETURNS int
LANGUAGE plpgsql AS $$
DECLARE
  x int := 41;--the start
BEGIN
  x := x + 1; /* one more */
  -- nothing to do;
  RETURN x; END
$$;
CREATE FUNCTION one() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$;
DO $$ BEGIN PERFORM 1; END $$;

-- +goose Down
DROP FUNCTION IF EXISTS one();
DROP FUNCTION IF EXISTS answer();
