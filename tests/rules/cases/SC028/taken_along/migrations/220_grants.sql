CREATE TABLE grants (id int PRIMARY KEY, org int);
