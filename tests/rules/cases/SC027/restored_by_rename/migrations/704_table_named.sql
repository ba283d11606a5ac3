CREATE TABLE w_new (id int PRIMARY KEY, a bigint);
DROP TABLE w;
ALTER TABLE w_new RENAME TO w;
