CREATE TABLE IF NOT EXISTS logs (id bigint, at date) PARTITION BY RANGE (at);
