CREATE TABLE IF NOT EXISTS users (id uuid PRIMARY KEY, email varchar(50), bio varchar(200));
