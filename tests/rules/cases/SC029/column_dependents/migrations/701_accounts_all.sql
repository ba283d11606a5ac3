CREATE VIEW account_all AS SELECT * FROM accounts;
ALTER TABLE accounts ADD COLUMN extra varchar(5);
