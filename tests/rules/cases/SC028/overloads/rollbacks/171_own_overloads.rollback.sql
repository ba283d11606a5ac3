-- expect: none of SC028
-- each DROP names an overload 171 made, as PostgreSQL identifies it: IN, INOUT and VARIADIC
-- argument types (OUT ones, names, defaults and type modifiers do not count, decimal is
-- numeric, int4 is integer); a DROP without argument types drops the only one of its name
DROP FUNCTION IF EXISTS score(decimal);
DROP FUNCTION IF EXISTS label_of(character varying), label_of(VARIADIC int4[]);
DROP FUNCTION IF EXISTS solo;
DROP PROCEDURE IF EXISTS sweep(date, integer);
