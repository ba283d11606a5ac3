-- size_of(events.id%TYPE) is size_of(bigint), which the view's size_of(1) calls
CREATE FUNCTION size_of(p events.id%TYPE) RETURNS int LANGUAGE sql AS 'SELECT 1';
CREATE FUNCTION size_of(p text) RETURNS int LANGUAGE sql AS 'SELECT 2';
CREATE VIEW event_sizes AS SELECT id, size_of(1) AS s FROM events;
CREATE FUNCTION weigh_mood(m app.mood) RETURNS int LANGUAGE sql AS 'SELECT 1';
CREATE FUNCTION weigh_mood(m public.mood) RETURNS int LANGUAGE sql AS 'SELECT 2';
CREATE VIEW mood_weights AS SELECT weigh_mood('calm'::app.mood) AS w;
