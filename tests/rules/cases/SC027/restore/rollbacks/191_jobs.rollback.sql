-- expect: SC027 at file, file
-- jobs.data keeps its new type and jobs.old stays dropped after 'down'
SELECT 1;
