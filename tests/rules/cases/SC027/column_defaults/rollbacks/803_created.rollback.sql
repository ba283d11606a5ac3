-- expect: SC027 at file
-- nothing gives the default back: after 'down' the column has none
SELECT 1;
