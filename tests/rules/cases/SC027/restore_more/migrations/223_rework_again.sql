ALTER TABLE accounts DROP CONSTRAINT accounts_pkey;
DROP FUNCTION tally(integer);
