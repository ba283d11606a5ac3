-- expect: none of SC045
-- +goose Up
CREATE TABLE labels (name text PRIMARY KEY);
INSERT INTO labels VALUES ('a');
-- +goose Down
DROP TABLE IF EXISTS labels;
