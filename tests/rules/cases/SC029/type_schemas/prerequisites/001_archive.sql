CREATE SCHEMA IF NOT EXISTS archive;
CREATE TYPE archive.mood AS ENUM ('calm', 'tense');
CREATE OR REPLACE FUNCTION archive_tag(m archive.mood) RETURNS text LANGUAGE sql AS 'SELECT m::text';
