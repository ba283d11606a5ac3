CREATE ROLE sc027_reader;
CREATE USER sc027_app;
CREATE TABLE rt (id int);
