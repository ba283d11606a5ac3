-- expect: SC027 at file
SELECT 1;
