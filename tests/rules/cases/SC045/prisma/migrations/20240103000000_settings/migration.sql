-- expect: SC045 at 2
\set ON_ERROR_STOP on
UPDATE colors SET name = 'blue' WHERE id = 2;
