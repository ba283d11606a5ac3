-- expect: none of SC029
-- the table (and its default) first
DROP TABLE invoices;
DROP SEQUENCE "Invoice_No";
