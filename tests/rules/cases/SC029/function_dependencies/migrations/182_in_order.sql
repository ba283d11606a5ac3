CREATE TYPE level AS ENUM ('low', 'high');
CREATE TABLE IF NOT EXISTS readings (id bigint PRIMARY KEY);
CREATE OR REPLACE FUNCTION to_level(v int) RETURNS level LANGUAGE sql AS 'SELECT ''low''::level';
-- an argument named like the type is of another type; a body in a string records nothing
CREATE OR REPLACE FUNCTION describe(level text) RETURNS text LANGUAGE sql AS 'SELECT level';
CREATE OR REPLACE FUNCTION reading_count() RETURNS bigint LANGUAGE sql
    AS 'SELECT count(*) FROM readings';
CREATE OR REPLACE FUNCTION newest() RETURNS bigint LANGUAGE sql
BEGIN ATOMIC
    SELECT max(id) FROM readings;
END;
