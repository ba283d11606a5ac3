-- expect: SC039 at 11, 12, 13, 14
-- DROP TYPE ... CASCADE takes the functions with an argument or result of the type (arrays
-- of it too); the overload of another type stays, and goes at line 10, so the name is gone
CREATE TYPE tc_mood AS ENUM ('a', 'b');
CREATE FUNCTION tcf(m tc_mood) RETURNS integer LANGUAGE sql AS 'SELECT 1';
CREATE FUNCTION tcf(m text) RETURNS integer LANGUAGE sql AS 'SELECT 2';
CREATE FUNCTION tcg() RETURNS tc_mood LANGUAGE sql AS $$SELECT 'a'::tc_mood$$;
CREATE FUNCTION tch(m tc_mood[]) RETURNS integer LANGUAGE sql AS 'SELECT 1';
DROP TYPE tc_mood CASCADE;
DROP FUNCTION tcf(text);
DROP FUNCTION tcf(tc_mood);
DROP FUNCTION tcg();
DROP FUNCTION tch(tc_mood[]);
DROP FUNCTION tcf;
