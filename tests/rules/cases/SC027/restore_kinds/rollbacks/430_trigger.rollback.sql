-- expect: SC027 at file
-- users_touch is not created again (users_never was not there: nothing to give back)
SELECT 1;
