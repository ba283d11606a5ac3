-- expect: SC025 at 5, 12
-- `app.mood` and `public.mood` are two types: a DROP of one overload leaves the other, and
-- the CREATE fails on the second run; an unqualified `mood` is the search path's
DROP FUNCTION IF EXISTS cheer(app.mood);
CREATE FUNCTION cheer(m public.mood) RETURNS text LANGUAGE sql AS 'SELECT m::text';
DROP FUNCTION IF EXISTS calm(app.mood);
CREATE FUNCTION calm(m app.mood) RETURNS text LANGUAGE sql AS 'SELECT m::text';
DROP FUNCTION IF EXISTS mood_text(mood);
CREATE FUNCTION mood_text(m public.mood) RETURNS text LANGUAGE sql AS 'SELECT m::text';
SET search_path = app, public;
DROP FUNCTION IF EXISTS public.sulk(app.mood);
CREATE FUNCTION public.sulk(m public.mood) RETURNS text LANGUAGE sql AS 'SELECT m::text';
DROP FUNCTION IF EXISTS public.soothe(app.mood);
CREATE FUNCTION public.soothe(m mood) RETURNS text LANGUAGE sql AS 'SELECT m::text';
