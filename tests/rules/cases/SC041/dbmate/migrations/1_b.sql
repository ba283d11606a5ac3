-- expect: none of SC041
-- dbmate keeps the version as written: 1 is not 001
-- migrate:up
CREATE TABLE db (id int);
-- migrate:down
DROP TABLE db;
