CREATE TYPE public.shade AS ENUM ('dark', 'light');
CREATE TYPE archive.shade AS ENUM ('dark', 'light');
SET search_path = archive, public;
-- archive.tint(archive.shade): unqualified names are the search path's first schema's
CREATE OR REPLACE FUNCTION tint(s shade) RETURNS text LANGUAGE sql AS 'SELECT s::text';
RESET search_path;
CREATE OR REPLACE FUNCTION public_tint(s public.shade) RETURNS text LANGUAGE sql
    AS 'SELECT s::text';
