-- expect: none of SC041
CREATE TABLE w (id int);
