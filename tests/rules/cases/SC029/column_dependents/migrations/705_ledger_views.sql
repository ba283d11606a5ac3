CREATE VIEW ledger_owners AS SELECT id, owner FROM ledgers;
CREATE VIEW ledger_notes AS SELECT l.id, l.note FROM ledgers l;
CREATE MATERIALIZED VIEW ledger_amounts AS SELECT id, amount FROM ledgers WHERE amount > 0;
