CREATE OR REPLACE FUNCTION owner_of(p accounts.id%TYPE) RETURNS text LANGUAGE sql AS 'SELECT ''a''';
CREATE OR REPLACE FUNCTION owner_of(a text, b text) RETURNS text LANGUAGE sql AS 'SELECT ''b''';
CREATE OR REPLACE FUNCTION app.tag_of(m app.mood) RETURNS text LANGUAGE sql AS 'SELECT ''c''';
CREATE OR REPLACE FUNCTION hue_of(m public.mood) RETURNS text LANGUAGE sql AS 'SELECT ''d''';
