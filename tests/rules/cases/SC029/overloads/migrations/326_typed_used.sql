CREATE FUNCTION width_of(p events.id%TYPE) RETURNS int LANGUAGE sql AS 'SELECT 1';
CREATE FUNCTION width_of(p text) RETURNS int LANGUAGE sql AS 'SELECT 2';
CREATE VIEW event_widths AS SELECT id, width_of(2) AS w FROM events;
CREATE FUNCTION pale(m app.mood) RETURNS int LANGUAGE sql AS 'SELECT 1';
CREATE FUNCTION pale(m public.mood) RETURNS int LANGUAGE sql AS 'SELECT 2';
CREATE VIEW pale_moods AS SELECT pale('calm'::app.mood) AS p;
