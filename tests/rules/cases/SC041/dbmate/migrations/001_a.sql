-- expect: none of SC041
-- migrate:up
CREATE TABLE da (id int);
-- migrate:down
DROP TABLE da;
