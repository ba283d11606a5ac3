-- expect: SC040 at 13
-- a StatementEnd without a StatementBegin, in the down section: goose refuses the file
-- +goose Up
-- +goose StatementBegin
CREATE FUNCTION push() RETURNS int AS $$
BEGIN
  RETURN 2;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd
-- +goose Down
DROP FUNCTION IF EXISTS push();
-- +goose StatementEnd
