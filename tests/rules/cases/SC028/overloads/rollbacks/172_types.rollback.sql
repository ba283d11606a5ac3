-- expect: SC028 at 5
-- app.mood and archive.mood are two types: tint(archive.mood) is the prerequisite's. A type
-- written without its schema is looked up through the search path (mood is public.mood), a
-- %TYPE argument is the column's type (find(bigint, bigint) is 172's, find(text) is not)
DROP FUNCTION IF EXISTS tint(archive.mood);
DROP FUNCTION IF EXISTS tint(app.mood);
DROP FUNCTION IF EXISTS hue(mood);
DROP FUNCTION IF EXISTS find(bigint, bigint);
