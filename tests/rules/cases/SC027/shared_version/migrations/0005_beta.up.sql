-- expect: none of SC027
CREATE TABLE IF NOT EXISTS beta (id bigint PRIMARY KEY);
