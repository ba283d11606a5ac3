CREATE TYPE mood AS ENUM ('happy', 'sad');
CREATE DOMAIN score AS int CHECK (VALUE >= 0);
CREATE OR REPLACE FUNCTION is_happy(m mood) RETURNS boolean LANGUAGE sql AS 'SELECT m = ''happy''';
CREATE OR REPLACE FUNCTION best_score() RETURNS SETOF score LANGUAGE sql AS 'SELECT 1';
