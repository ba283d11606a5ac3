-- expect: SC027 at 4
-- added again, but not as 501 left it (a >= 0)
ALTER TABLE accounts DROP CONSTRAINT a_pos;
ALTER TABLE accounts ADD CONSTRAINT a_pos CHECK (a > 5);
