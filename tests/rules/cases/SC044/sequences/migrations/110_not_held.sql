-- expect: none of SC044
-- nothing holds these sequences any more, or ever did: a name looked up at each call
-- (`nextval('legacy_no'::text)`), a PL/pgSQL body, a default dropped or set to another
-- before, a default dropped with the sequence (CASCADE), a sequence of the name a serial
-- column's would have had, made before it (PostgreSQL names the serial's `taken_id_seq1`)
DROP SEQUENCE legacy_no;
DROP SEQUENCE spare_no;
ALTER TABLE tickets ALTER COLUMN id DROP DEFAULT;
DROP SEQUENCE ticket_no;
ALTER TABLE invoices ALTER COLUMN id SET DEFAULT 0;
DROP SEQUENCE "Invoice_No";
DROP SEQUENCE cascade_no CASCADE;
ALTER TABLE cascaded ALTER COLUMN id TYPE integer;
DROP SEQUENCE taken_id_seq;
