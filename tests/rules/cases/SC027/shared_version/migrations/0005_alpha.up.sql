-- expect: none of SC027
CREATE TABLE IF NOT EXISTS alpha (id bigint PRIMARY KEY);
