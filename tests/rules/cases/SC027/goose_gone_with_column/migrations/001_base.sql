-- +goose Up
CREATE TABLE users (id int PRIMARY KEY, is_admin boolean);
-- +goose StatementBegin
CREATE FUNCTION tf() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
-- +goose StatementEnd
CREATE TRIGGER users_t BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION tf();

-- +goose Down
DROP TABLE users;
DROP FUNCTION tf();
