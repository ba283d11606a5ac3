-- expect: SC040 at 4
-- an annotation goose does not know
-- +goose Up
-- +goose Statementbegin2
CREATE TABLE una (id int);
-- +goose Down
DROP TABLE una;
