CREATE FUNCTION doubled(v int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT v * 2';
CREATE FUNCTION tripled(v int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT v * 3';
CREATE FUNCTION quadrupled(v int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT v * 4';
CREATE FUNCTION halved(v int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT v / 2';
CREATE TABLE IF NOT EXISTS boxes (
    id bigint PRIMARY KEY,
    size int,
    double_size int GENERATED ALWAYS AS (doubled(size)) STORED,
    triple_size int GENERATED ALWAYS AS (tripled(size) + 1) STORED,
    half_size int GENERATED ALWAYS AS (halved(size)) STORED
);
ALTER TABLE accounts ADD COLUMN score4 int GENERATED ALWAYS AS (quadrupled(score)) STORED;
