-- expect: none of SC041
-- +goose Up
CREATE TABLE a (id int);
-- +goose Down
DROP TABLE a;
