-- expect: none of SC040
-- migrate:up
CREATE FUNCTION quadruple(n int) RETURNS int AS $$
BEGIN
  RETURN n * 4;
END;
$$ LANGUAGE plpgsql;

-- migrate:down
DROP FUNCTION IF EXISTS quadruple(int);
