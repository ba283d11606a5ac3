CREATE FUNCTION base_rate() RETURNS numeric LANGUAGE sql AS 'SELECT 1.0';
CREATE FUNCTION rate(v int) RETURNS numeric LANGUAGE sql AS 'SELECT 2.0';
CREATE FUNCTION rate(v text) RETURNS numeric LANGUAGE sql AS 'SELECT 3.0';
CREATE FUNCTION price(q int, r numeric DEFAULT base_rate()) RETURNS numeric LANGUAGE sql
    AS 'SELECT q * r';
CREATE FUNCTION tax(q int, r numeric DEFAULT rate(1)) RETURNS numeric LANGUAGE sql
    AS 'SELECT q * r';
CREATE FUNCTION fee(note text DEFAULT 'base_rate()') RETURNS text LANGUAGE sql AS 'SELECT note';
