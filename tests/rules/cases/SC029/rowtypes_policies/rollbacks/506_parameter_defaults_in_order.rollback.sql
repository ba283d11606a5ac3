-- expect: none of SC029
-- a routine dropped in the same statement as the function its default calls, or before it;
-- rate(1) calls rate(integer), not rate(text); a name in a string is no call
DROP FUNCTION price(int, numeric), base_rate();
DROP FUNCTION rate(text);
DROP FUNCTION tax(int, numeric);
DROP FUNCTION rate(int);
DROP FUNCTION fee(text);
