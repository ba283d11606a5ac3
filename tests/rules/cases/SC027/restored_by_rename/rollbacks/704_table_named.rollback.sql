-- expect: none of SC027, SC028
-- the key made under its earlier name
CREATE TABLE w_old (id int, a int, CONSTRAINT w_pkey PRIMARY KEY (id));
DROP TABLE w;
ALTER TABLE w_old RENAME TO w;
