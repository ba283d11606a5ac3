-- expect: SC039 at 4
-- the index went with its table two lines up
DROP TABLE a;
DROP INDEX a_idx;
CREATE TABLE a (id integer, email text);
CREATE INDEX a_idx ON a (id);
