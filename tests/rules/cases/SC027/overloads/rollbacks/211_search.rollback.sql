-- expect: none of SC027
-- each overload by its identity argument types: OUT ones, names, defaults and type
-- modifiers do not count, int4 is integer; DROP PROCEDURE also takes every argument's type.
-- The helper the migration dropped itself has nothing left to undo.
DROP FUNCTION IF EXISTS search(int4), search(character varying);
DROP FUNCTION IF EXISTS search(VARIADIC integer[]);
DROP PROCEDURE IF EXISTS refresh_scores(int, int);
