-- expect: none of SC027
CREATE TABLE IF NOT EXISTS a (id bigint PRIMARY KEY);
