-- expect: SC029 at 2, 5
ALTER TABLE ledgers DROP COLUMN owner;
DROP VIEW ledger_notes;
ALTER TABLE ledgers DROP COLUMN note;
ALTER TABLE ledgers DROP COLUMN amount;
DROP MATERIALIZED VIEW ledger_amounts;
DROP VIEW ledger_owners;
