-- what never existed (or an earlier migration already dropped) asks nothing back
DROP TABLE IF EXISTS never_there;
DROP TABLE IF EXISTS legacy_logs;
ALTER TABLE accounts DROP CONSTRAINT IF EXISTS accounts_nope;
ALTER TABLE accounts DROP CONSTRAINT IF EXISTS accounts_age_check;
DROP FUNCTION IF EXISTS score(bigint);
DROP FUNCTION IF EXISTS score(text);
DROP FUNCTION IF EXISTS nothing_here();
