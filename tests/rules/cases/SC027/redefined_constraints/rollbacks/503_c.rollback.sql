-- expect: SC027 at 3
-- dropped, not added again: after 'down' c is not checked at all
ALTER TABLE accounts DROP CONSTRAINT IF EXISTS accounts_c_check;
