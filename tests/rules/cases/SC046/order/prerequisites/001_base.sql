CREATE SCHEMA app;
CREATE TABLE users (id bigint PRIMARY KEY, legacy_id bigint, email text, nick text);
CREATE TABLE app.orders (id bigint PRIMARY KEY, total numeric, note text);
CREATE TABLE tags (id int PRIMARY KEY, label text, color text);
CREATE TABLE parts (id int PRIMARY KEY, a int, b int);
CREATE TABLE items (id int PRIMARY KEY, x int, y int, z int);
