-- expect: SC041 at file
-- goose reads 00001 and 1 as version 1: "duplicate version 1 detected"
-- +goose Up
CREATE TABLE b (id int);
-- +goose Down
DROP TABLE b;
