DROP TABLE old_audit;
ALTER TABLE accounts DROP CONSTRAINT accounts_email_lower, DROP CONSTRAINT accounts_email_key;
DROP FUNCTION score(int);
