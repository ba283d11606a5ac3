-- expect: none of SC027, SC039
-- comments in a parameter list are not part of its types
DROP FUNCTION clone_schema(text, text, boolean);
DROP FUNCTION h(int, int);
DROP FUNCTION k(text, int);
