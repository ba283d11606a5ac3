-- expect: none of SC041
-- another project: its own versions
CREATE TABLE IF NOT EXISTS qa (id int);
