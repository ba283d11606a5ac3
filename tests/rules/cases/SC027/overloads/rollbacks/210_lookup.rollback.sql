-- expect: SC027 at file
-- drops lookup(integer) only: lookup(text) is another function and stays after 'down'
DROP FUNCTION IF EXISTS lookup(integer);
