-- expect: none of SC041
CREATE TABLE IF NOT EXISTS da (id int);
