DROP TABLE legacy_logs;
ALTER TABLE accounts DROP CONSTRAINT accounts_age_check;
DROP FUNCTION score(text);
DROP FUNCTION only_one;
