-- expect: SC029 at 5
-- archive.tint() still takes archive.shade; public_tint() takes public.shade, another type
-- (dropped before public.shade, as it should be)
DROP FUNCTION IF EXISTS public_tint(public.shade);
DROP TYPE IF EXISTS archive.shade;
DROP TYPE IF EXISTS public.shade;
DROP FUNCTION IF EXISTS archive.tint(archive.shade);
