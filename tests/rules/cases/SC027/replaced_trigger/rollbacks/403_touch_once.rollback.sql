-- expect: SC027 at file
-- 403 changed 402's trigger: after this the new definition is still in place
SELECT 1;
