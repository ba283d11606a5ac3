-- expect: none of SC029
-- the view reading the column dropped first; a view reading other columns only stays
DROP VIEW invoice_totals;
ALTER TABLE invoices ALTER COLUMN total TYPE numeric(10, 2);
DROP VIEW invoice_ids;
