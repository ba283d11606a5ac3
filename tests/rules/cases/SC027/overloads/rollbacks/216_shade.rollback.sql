-- expect: SC027 at file
-- app.mood and archive.mood are two types: shade_of(app.mood) stays after 'down'
DROP FUNCTION IF EXISTS shade_of(archive.mood);
