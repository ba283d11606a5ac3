-- expect: SC029 at 3, 4, 5
-- an index expression or a partial index's predicate calls the function
DROP FUNCTION IF EXISTS folded(text);
DROP FUNCTION IF EXISTS is_active(int);
DROP FUNCTION IF EXISTS code_of(text);
DROP TABLE IF EXISTS members;
