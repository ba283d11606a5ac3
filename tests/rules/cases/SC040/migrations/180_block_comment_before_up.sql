-- expect: SC040 at 3
-- goose takes only `--` comments and blank lines before the Up annotation
/* header */
-- +goose Up
CREATE TABLE bcu (id int);
-- +goose Down
DROP TABLE bcu;
