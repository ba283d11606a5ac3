-- expect: none of SC046
-- made again with its columns in their order
CREATE TABLE parts (id int PRIMARY KEY, a int, b int);
