CREATE TABLE IF NOT EXISTS accounts (id bigint PRIMARY KEY, owner text);
CREATE TABLE IF NOT EXISTS route (id bigint PRIMARY KEY);
CREATE TABLE IF NOT EXISTS existing (id bigint PRIMARY KEY);
