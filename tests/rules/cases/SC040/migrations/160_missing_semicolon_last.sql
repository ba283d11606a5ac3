-- expect: SC040 at 4
-- the last statement of the Up part has no `;`: goose finds it unfinished at the Down
-- +goose Up
CREATE TABLE unended (id int)
-- +goose Down
DROP TABLE unended;
