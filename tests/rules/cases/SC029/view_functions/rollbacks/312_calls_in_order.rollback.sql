-- expect: none of SC029
-- the view goes before the function it calls; lower(note) is the built-in lower(text), and
-- a name in a string is no call
DROP FUNCTION IF EXISTS unused(int);
DROP FUNCTION IF EXISTS lower(int);
DROP VIEW IF EXISTS order_gross;
DROP FUNCTION IF EXISTS gross(int);
