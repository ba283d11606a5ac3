-- expect: SC025 at 11, 16
-- under `SET search_path = app` an unqualified `mood` is `app.mood`: the DROP of the
-- `app.mood` overload names the function created, and one of `public.mood` does not; back on
-- the default path it is `public.mood` again. A type written as the DROP writes it is its type
SET search_path = app;
DROP FUNCTION IF EXISTS public.grin(app.mood);
CREATE FUNCTION public.grin(m mood) RETURNS text LANGUAGE sql AS 'SELECT m::text';
DROP FUNCTION IF EXISTS public.frown(mood);
CREATE FUNCTION public.frown(m app.mood) RETURNS text LANGUAGE sql AS 'SELECT m::text';
DROP FUNCTION IF EXISTS public.pout(public.mood);
CREATE FUNCTION public.pout(m mood) RETURNS text LANGUAGE sql AS 'SELECT m::text';
RESET search_path;
DROP FUNCTION IF EXISTS smirk(app.mood);
CREATE FUNCTION smirk(m app.mood) RETURNS text LANGUAGE sql AS 'SELECT m::text';
DROP FUNCTION IF EXISTS wink(app.mood);
CREATE FUNCTION wink(m mood) RETURNS text LANGUAGE sql AS 'SELECT m::text';
