CREATE FUNCTION gross(v int) RETURNS int LANGUAGE sql AS 'SELECT v * 120 / 100';
CREATE FUNCTION lower(v int) RETURNS int LANGUAGE sql AS 'SELECT v';
CREATE FUNCTION unused(v int) RETURNS int LANGUAGE sql AS 'SELECT v';
CREATE VIEW order_gross AS
    SELECT id, gross(total) AS gross, lower(note) AS note, 'unused(1)' AS label FROM orders;
