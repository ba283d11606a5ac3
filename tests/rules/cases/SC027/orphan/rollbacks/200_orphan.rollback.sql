-- expect: SC027 at file
DROP TABLE IF EXISTS nothing_here;
