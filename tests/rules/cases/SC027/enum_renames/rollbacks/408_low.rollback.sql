-- expect: SC027 at 3
-- renamed again, but not back to the earlier name
ALTER TYPE mood RENAME VALUE 'low' TO 'down';
