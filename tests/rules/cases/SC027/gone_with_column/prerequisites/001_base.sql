CREATE TABLE users (id int PRIMARY KEY, is_admin boolean, email text);
