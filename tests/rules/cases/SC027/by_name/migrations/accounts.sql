-- expect: none of SC027
CREATE TABLE IF NOT EXISTS accounts (id bigint PRIMARY KEY);
