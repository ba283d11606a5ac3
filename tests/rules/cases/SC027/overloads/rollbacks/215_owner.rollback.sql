-- expect: none of SC027
-- owner_of(accounts.id%TYPE) is owner_of(bigint); an unqualified type is looked up through
-- the search path: mood is app.mood here, public.mood below
DROP FUNCTION IF EXISTS owner_of(bigint);
DROP FUNCTION IF EXISTS owner_of(text, text);
SET search_path = app, public;
DROP FUNCTION IF EXISTS tag_of(mood);
RESET search_path;
DROP FUNCTION IF EXISTS hue_of(mood);
