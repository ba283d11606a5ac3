-- expect: none of SC027
CREATE TABLE IF NOT EXISTS b (id bigint PRIMARY KEY);
