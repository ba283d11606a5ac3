CREATE TABLE IF NOT EXISTS items (id bigint PRIMARY KEY, price int);
