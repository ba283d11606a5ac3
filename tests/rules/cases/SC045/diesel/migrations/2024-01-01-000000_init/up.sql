-- expect: none of SC045, SC035
CREATE TABLE colors (id int PRIMARY KEY, name text NOT NULL);
INSERT INTO colors VALUES (1, 'red');
