CREATE TABLE users (id int PRIMARY KEY, is_admin boolean);
CREATE INDEX idx_users_is_admin ON users (is_admin);
CREATE TABLE teams (id int PRIMARY KEY);
CREATE SCHEMA reports;
CREATE SEQUENCE ticket_seq;
CREATE MATERIALIZED VIEW admins AS SELECT id FROM users WHERE is_admin;
