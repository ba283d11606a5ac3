-- expect: none of SC041
CREATE TABLE alpha (id int);
