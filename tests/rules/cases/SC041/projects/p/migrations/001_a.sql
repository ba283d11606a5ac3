-- expect: none of SC041
CREATE TABLE IF NOT EXISTS pa (id int);
