ALTER TABLE invoices ALTER COLUMN total TYPE numeric(12, 2);
CREATE VIEW invoice_totals AS SELECT i.id, i.total FROM invoices AS i;
CREATE VIEW invoice_ids AS SELECT id FROM invoices;
