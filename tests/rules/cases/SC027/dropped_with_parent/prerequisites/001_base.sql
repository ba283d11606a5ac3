CREATE TABLE IF NOT EXISTS existing (id bigint PRIMARY KEY, x int);
