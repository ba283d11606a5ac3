-- expect: SC040 at 5
-- a StatementBegin without its StatementEnd: goose refuses the whole file
-- +goose Up
CREATE TABLE levers (id bigint PRIMARY KEY);
-- +goose StatementBegin
CREATE FUNCTION pull() RETURNS int AS $$
BEGIN
  RETURN 1;
END;
$$ LANGUAGE plpgsql;

-- +goose Down
DROP FUNCTION IF EXISTS pull();
DROP TABLE IF EXISTS levers;
