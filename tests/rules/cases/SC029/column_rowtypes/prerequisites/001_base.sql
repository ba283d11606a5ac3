CREATE TABLE IF NOT EXISTS accounts (id bigint PRIMARY KEY, owner text);
