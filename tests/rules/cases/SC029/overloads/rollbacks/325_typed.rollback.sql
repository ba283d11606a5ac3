-- expect: none of SC029
-- size_of(text) is not the size_of(events.id%TYPE) the view calls; weigh_mood(public.mood)
-- is not the weigh_mood(app.mood) the other view calls
DROP FUNCTION IF EXISTS size_of(text);
DROP FUNCTION IF EXISTS weigh_mood(public.mood);
DROP VIEW IF EXISTS event_sizes;
DROP VIEW IF EXISTS mood_weights;
DROP FUNCTION IF EXISTS size_of(bigint);
DROP FUNCTION IF EXISTS weigh_mood(app.mood);
