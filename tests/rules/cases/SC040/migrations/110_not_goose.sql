-- expect: none of SC040
-- not a goose file (no Up annotation; the +goose here is prose): psql and PostgreSQL
-- split it, and they read the body whole
CREATE FUNCTION triple(n int) RETURNS int AS $$
BEGIN
  RETURN n * 3;
END;
$$ LANGUAGE plpgsql;
