-- +goose Up
CREATE TABLE ged (id int);
-- +goose Down
DROP TABLE ged;
