CREATE TABLE IF NOT EXISTS orders (id bigint PRIMARY KEY, total int, note text);
