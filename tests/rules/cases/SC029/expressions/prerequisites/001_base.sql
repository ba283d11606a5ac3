CREATE TABLE IF NOT EXISTS accounts (id bigint PRIMARY KEY, score int, label text);
