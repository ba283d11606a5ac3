-- expect: SC044 at 6, 7, 8, 13
-- a default still uses each sequence: `nextval('order_no')` made in an earlier migration, a
-- serial column's `serials_id_seq`, a sequence owned by the column its default uses (owned or
-- not, PostgreSQL keeps it), a sequence and a table made in this migration; after the table
-- or the column is gone (and with it a serial's own sequence), the sequence goes
DROP SEQUENCE order_no;
DROP SEQUENCE serials_id_seq;
DROP SEQUENCE owned_no;
DROP TABLE orders;
DROP SEQUENCE order_no;
CREATE SEQUENCE batch_no;
CREATE TABLE batches (id bigint DEFAULT nextval('batch_no'::regclass));
DROP SEQUENCE batch_no;
ALTER TABLE serials DROP COLUMN id;
DROP SEQUENCE IF EXISTS serials_id_seq;
DROP TABLE batches;
DROP SEQUENCE batch_no;
