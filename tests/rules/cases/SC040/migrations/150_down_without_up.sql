-- expect: SC040 at 1
-- a Down annotation with no Up before it: goose refuses the file
CREATE TABLE nup (id int);
-- +goose Down
DROP TABLE nup;
