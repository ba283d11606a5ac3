-- expect: SC040 at 5
-- an annotation with whitespace before it: goose refuses the file
-- +goose Up
CREATE TABLE lsa (id int);
  -- +goose Down
DROP TABLE lsa;
