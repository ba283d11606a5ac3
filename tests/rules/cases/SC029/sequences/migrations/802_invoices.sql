CREATE SEQUENCE "Invoice_No";
CREATE TABLE invoices (id bigint DEFAULT nextval('public."Invoice_No"'::regclass));
