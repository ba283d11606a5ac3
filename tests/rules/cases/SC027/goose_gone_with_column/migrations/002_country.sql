-- expect: none of SC027
-- the index goes with the column the Down section drops
-- +goose Up
ALTER TABLE users ADD COLUMN country text;
CREATE INDEX users_country_idx ON users (country);

-- +goose Down
ALTER TABLE users DROP COLUMN country;
