-- expect: SC027 at file
-- expect: none of SC028
-- a rename keeps the constraint names: the key is u_old_pkey now, it was u_pkey
CREATE TABLE u_old (id int PRIMARY KEY, a int);
INSERT INTO u_old SELECT id, a FROM u;
DROP TABLE u;
ALTER TABLE u_old RENAME TO u;
