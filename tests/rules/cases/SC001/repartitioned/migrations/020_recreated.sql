DROP TABLE logs;
CREATE TABLE logs (id bigint, at date);
