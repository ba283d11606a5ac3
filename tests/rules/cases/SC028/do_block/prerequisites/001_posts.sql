CREATE TABLE IF NOT EXISTS posts (id bigint PRIMARY KEY, title text, legacy text);
