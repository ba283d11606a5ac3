CREATE TABLE t (id bigint PRIMARY KEY, a text);
CREATE TYPE mood AS ENUM ('a');
