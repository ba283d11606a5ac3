CREATE TABLE IF NOT EXISTS tags (id integer NOT NULL, name text);
CREATE TABLE IF NOT EXISTS labels (id bigint NOT NULL, name text);
