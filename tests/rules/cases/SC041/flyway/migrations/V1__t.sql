-- expect: none of SC041
CREATE TABLE t (id int);
