-- expect: SC029 at 5, 6, 7, 9
-- overloads are told apart by their argument types: the trigger runs stamp(), the view
-- calls weight(integer) and widen(bigint) (2 is an integer: bigint, not text), rate(severity)
DROP FUNCTION IF EXISTS stamp(text);
DROP FUNCTION IF EXISTS stamp();
DROP FUNCTION IF EXISTS weight(integer);
DROP FUNCTION IF EXISTS widen(bigint);
DROP FUNCTION IF EXISTS rate(text);
DROP TYPE IF EXISTS severity;
DROP FUNCTION IF EXISTS weight(text);
DROP FUNCTION IF EXISTS widen(text);
