DROP FUNCTION IF EXISTS account_label(integer);
DROP VIEW IF EXISTS named_accounts;
DROP FUNCTION IF EXISTS account_name(integer);
DROP TABLE IF EXISTS accounts;
