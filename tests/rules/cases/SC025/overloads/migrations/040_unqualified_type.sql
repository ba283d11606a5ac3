-- expect: SC025 at 5
-- on the default search path an unqualified `mood` is `public.mood`: the DROP of the
-- `app.mood` overload leaves the function created, which a second run fails to create
DROP FUNCTION IF EXISTS grumble(app.mood);
CREATE FUNCTION grumble(m mood) RETURNS text LANGUAGE sql AS 'SELECT m::text';
