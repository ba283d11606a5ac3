CREATE TABLE t (id int PRIMARY KEY, a int, b int);
CREATE INDEX t_a_idx ON t (a);
CREATE VIEW v AS SELECT id, a FROM t;
CREATE TYPE mood AS ENUM ('a', 'b', 'c');
CREATE TABLE m (id int PRIMARY KEY, feel mood);
CREATE TABLE u (id int PRIMARY KEY, a int);
CREATE TABLE w (id int PRIMARY KEY, a int);
