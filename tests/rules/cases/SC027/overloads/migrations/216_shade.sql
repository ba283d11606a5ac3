CREATE OR REPLACE FUNCTION shade_of(m app.mood) RETURNS text LANGUAGE sql AS 'SELECT ''a''';
