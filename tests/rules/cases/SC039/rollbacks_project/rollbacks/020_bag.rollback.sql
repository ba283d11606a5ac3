-- expect: SC039 at 5, 6, 7, 11, 14
-- the files made f(integer, text) only; add_to_bag has two overloads (IF EXISTS does not
-- help a name that is not unique); tidy(integer) is gone by line 13; nothing else made g,
-- which may have been made outside the files
DROP FUNCTION f(int4, varchar);
DROP FUNCTION add_to_bag;
DROP FUNCTION IF EXISTS add_to_bag;
DROP FUNCTION add_to_bag(integer);
DROP FUNCTION add_to_bag(text);
DROP FUNCTION f(integer, text);
DROP PROCEDURE tidy(text);
DROP FUNCTION IF EXISTS g(integer, varchar);
DROP PROCEDURE tidy;
DROP PROCEDURE tidy(integer);
