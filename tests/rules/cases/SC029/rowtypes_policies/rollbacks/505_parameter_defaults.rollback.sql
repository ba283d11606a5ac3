-- expect: SC029 at 3, 4
-- a parameter default calls the function until the routine with that parameter is gone
DROP FUNCTION default_limit();
DROP FUNCTION default_sort();
DROP FUNCTION page(int);
DROP FUNCTION page(int, text);
DROP FUNCTION default_limit();
DROP FUNCTION default_sort();
