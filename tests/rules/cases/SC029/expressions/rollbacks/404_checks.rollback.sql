-- expect: SC029 at 4, 5, 6
-- a CHECK constraint (inline, of the table, ADD CONSTRAINT) calls the function
ALTER TABLE accounts DROP CONSTRAINT IF EXISTS accounts_missing;
DROP FUNCTION IF EXISTS is_even(int);
DROP FUNCTION IF EXISTS is_known(text);
DROP FUNCTION IF EXISTS is_small(integer);
DROP TABLE IF EXISTS shelves;
