CREATE FUNCTION trimmed(v text) RETURNS text LANGUAGE sql IMMUTABLE AS 'SELECT trim(v)';
CREATE FUNCTION is_open(v int) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT v = 0';
CREATE FUNCTION is_shut(v int) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT v = 2';
CREATE TABLE IF NOT EXISTS doors (id bigint PRIMARY KEY, name text, state int);
CREATE INDEX doors_name_trimmed ON doors (trimmed(name));
CREATE INDEX doors_open ON doors (id) WHERE is_open(state);
CREATE INDEX doors_shut ON doors (name) WHERE is_shut(state);
