-- expect: SC025 at 8, 14
-- a `SET LOCAL search_path` ends with its transaction; a path set where the rule cannot read
-- it (a DO block) leaves an unqualified type any schema's
BEGIN;
SET LOCAL search_path = app;
COMMIT;
DROP FUNCTION IF EXISTS sneer(app.mood);
CREATE FUNCTION sneer(m mood) RETURNS text LANGUAGE sql AS 'SELECT m::text';
DO $$ BEGIN PERFORM set_config('search_path', 'app', false); END $$;
DROP FUNCTION IF EXISTS public.beam(app.mood);
CREATE FUNCTION public.beam(m mood) RETURNS text LANGUAGE sql AS 'SELECT m::text';
SELECT set_config('search_path', 'public', false);
DROP FUNCTION IF EXISTS sigh(app.mood);
CREATE FUNCTION sigh(m mood) RETURNS text LANGUAGE sql AS 'SELECT m::text';
