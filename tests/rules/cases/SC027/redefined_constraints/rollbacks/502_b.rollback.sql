-- expect: SC027 at file
-- b_pos keeps the migration's definition (b >= 0) after 'down'
SELECT 1;
