-- expect: SC040 at 3
-- SQL before the Up annotation: goose refuses the file
CREATE TABLE early (id int);
-- +goose Up
CREATE TABLE later (id int);
-- +goose Down
DROP TABLE later;
