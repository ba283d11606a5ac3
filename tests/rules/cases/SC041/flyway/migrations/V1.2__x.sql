-- expect: none of SC041
CREATE TABLE x (id int);
