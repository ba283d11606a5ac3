-- expect: SC045 at 2
\set ON_ERROR_STOP on
DELETE FROM colors WHERE id = 2;
