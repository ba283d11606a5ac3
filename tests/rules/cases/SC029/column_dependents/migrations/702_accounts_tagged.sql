ALTER TABLE accounts ADD COLUMN tag varchar(5);
CREATE VIEW account_tagged AS SELECT * FROM accounts;
