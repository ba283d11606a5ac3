CREATE TYPE mood AS ENUM ('happy', 'sad');
CREATE OR REPLACE FUNCTION label(m archive.mood) RETURNS text LANGUAGE sql AS 'SELECT m::text';
CREATE OR REPLACE FUNCTION cheer(m mood) RETURNS text LANGUAGE sql AS 'SELECT m::text';
