-- expect: none of SC015
CREATE TABLE IF NOT EXISTS scratch (id bigint);
DROP TABLE IF EXISTS scratch;
