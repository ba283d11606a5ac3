-- expect: none of SC041
-- named by the day alone: several a day, ordered by name
CREATE TABLE IF NOT EXISTS db (id int);
