CREATE FUNCTION tint(m app.mood) RETURNS int LANGUAGE sql AS 'SELECT 2';
CREATE FUNCTION hue(m public.mood) RETURNS int LANGUAGE sql AS 'SELECT 3';
CREATE FUNCTION find(p accounts.id%TYPE, q accounts.id%TYPE) RETURNS int LANGUAGE sql AS 'SELECT 4';
