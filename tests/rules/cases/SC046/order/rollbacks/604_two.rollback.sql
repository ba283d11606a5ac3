-- expect: SC046 at 3
-- both back, in the same statement, after z
ALTER TABLE items ADD COLUMN x int, ADD COLUMN y int;
