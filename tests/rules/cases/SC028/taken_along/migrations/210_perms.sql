CREATE TABLE perms (id int PRIMARY KEY, org int);
