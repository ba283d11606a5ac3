-- expect: none of SC040
-- a `;` at the start of the next line still ends a statement for goose (that line ends in
-- `;` or holds the next statement's end)
-- +goose Up
CREATE TABLE nl_c (id int)
;CREATE TABLE nl_d (id int)
  ; CREATE TABLE nl_e (id int);
-- +goose Down
DROP TABLE IF EXISTS nl_c, nl_d, nl_e;
