CREATE TYPE member_role AS ENUM ('member', 'admin');
CREATE TABLE accounts (id bigint PRIMARY KEY, owner text, code varchar(20), n integer);
CREATE TABLE memberships (id int PRIMARY KEY, r member_role NOT NULL DEFAULT 'member');
CREATE TABLE seats (id int PRIMARY KEY, r member_role NOT NULL DEFAULT 'member');
CREATE TABLE ledgers (id bigint PRIMARY KEY, owner text, note text, amount integer);
