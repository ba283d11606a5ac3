-- expect: SC035 at 3
-- expect: none of SC045
\set ON_ERROR_STOP on
CREATE TABLE IF NOT EXISTS things (id int PRIMARY KEY);
