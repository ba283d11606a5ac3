-- expect: SC041 at file
-- migrate:up
CREATE TABLE dc (id int);
-- migrate:down
DROP TABLE dc;
