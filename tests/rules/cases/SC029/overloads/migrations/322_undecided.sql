CREATE FUNCTION label_of(v integer) RETURNS text LANGUAGE sql AS 'SELECT v::text';
CREATE FUNCTION label_of(v text) RETURNS text LANGUAGE sql AS 'SELECT v';
CREATE VIEW event_labels AS SELECT id, label_of(kind) AS a, label_of('x') AS b FROM events;
