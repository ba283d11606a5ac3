-- expect: SC025 at 6
-- xfail: the shared routine identity (same_type) lets an unqualified type be any schema's, so the DROP of grumble(app.mood) may name grumble(mood)
-- on the default search path an unqualified `mood` is `public.mood`: the DROP of the
-- `app.mood` overload leaves the function created, which a second run fails to create
DROP FUNCTION IF EXISTS grumble(app.mood);
CREATE FUNCTION grumble(m mood) RETURNS text LANGUAGE sql AS 'SELECT m::text';
