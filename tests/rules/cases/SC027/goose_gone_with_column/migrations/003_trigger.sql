-- expect: SC027 at file
-- the Down section does not create the trigger again
-- +goose Up
DROP TRIGGER IF EXISTS users_t ON users;

-- +goose Down
SELECT 1;
