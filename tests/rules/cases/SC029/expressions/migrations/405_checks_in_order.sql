CREATE FUNCTION is_wide(v int) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT v > 10';
CREATE FUNCTION is_deep(v int) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT v > 20';
CREATE FUNCTION is_positive(v int) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT v > 0';
CREATE FUNCTION lower(v int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT v';
CREATE TABLE IF NOT EXISTS racks (
    id bigint PRIMARY KEY,
    width int,
    depth int,
    name text CHECK (lower(name) <> ''),
    CHECK (is_wide(width) AND depth > 0),
    CONSTRAINT racks_deep CHECK (is_deep(depth))
);
ALTER TABLE accounts ADD CONSTRAINT accounts_positive CHECK (is_positive(score)) NOT VALID;
