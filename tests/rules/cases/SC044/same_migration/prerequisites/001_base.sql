CREATE TABLE teams (id bigint PRIMARY KEY);
