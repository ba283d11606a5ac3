-- expect: none of SC029
-- label() and the prerequisite's archive_tag() take archive.mood, another type than public.mood
DROP FUNCTION IF EXISTS cheer(mood);
DROP TYPE IF EXISTS public.mood;
DROP FUNCTION IF EXISTS label(archive.mood);
