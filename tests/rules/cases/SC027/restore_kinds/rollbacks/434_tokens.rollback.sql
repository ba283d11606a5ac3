-- expect: SC027 at file
-- the table is not created again: asked back, with what it held
SELECT 1;
