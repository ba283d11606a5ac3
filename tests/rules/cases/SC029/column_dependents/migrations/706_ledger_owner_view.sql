CREATE VIEW ledger_owner_names AS SELECT DISTINCT owner FROM ledgers;
