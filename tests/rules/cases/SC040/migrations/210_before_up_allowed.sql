-- expect: none of SC040
-- comments, blank lines and the NO TRANSACTION and ENVSUB annotations may come before Up

-- +goose NO TRANSACTION
-- +goose ENVSUB ON
-- +goose Up
CREATE TABLE okb (id int);
-- +goose Down
DROP TABLE okb;
