-- expect: none of SC027
SELECT 1;
