-- expect: none of SC029
-- CASCADE drops the view with the column; then the view is gone
ALTER TABLE ledgers DROP COLUMN owner CASCADE;
DROP VIEW IF EXISTS ledger_owner_names;
