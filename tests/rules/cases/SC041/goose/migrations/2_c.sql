-- expect: none of SC041
-- +goose Up
CREATE TABLE c (id int);
-- +goose Down
DROP TABLE c;
