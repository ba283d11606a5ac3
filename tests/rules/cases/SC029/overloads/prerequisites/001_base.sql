CREATE TABLE IF NOT EXISTS events (id bigint PRIMARY KEY, kind text, n int);
