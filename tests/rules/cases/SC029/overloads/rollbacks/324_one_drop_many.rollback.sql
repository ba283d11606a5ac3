-- expect: SC029 at 5, 5
-- one DROP FUNCTION names several overloads, each with its own argument types: the view
-- calls pick(integer) and retain(text)
DROP FUNCTION IF EXISTS pick(text), retain(int);
DROP FUNCTION IF EXISTS retain(text), pick(integer);
DROP VIEW IF EXISTS picked;
