CREATE FUNCTION is_even(v int) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT v % 2 = 0';
CREATE FUNCTION is_known(v text) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT v <> ''''';
CREATE FUNCTION is_small(v int) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT v < 100';
CREATE TABLE IF NOT EXISTS shelves (
    id bigint PRIMARY KEY,
    slots int CHECK (is_even(slots)),
    label text,
    CONSTRAINT shelves_label_known CHECK (is_known(label))
);
ALTER TABLE accounts ADD CONSTRAINT accounts_small CHECK (is_small(score)) NOT VALID;
