-- expect: SC029 at 4
-- a serial column's default uses the sequence made with it, owned by the column: PostgreSQL
-- keeps it while the default uses it; the column dropped first takes its sequence along
DROP SEQUENCE serials_id_seq;
DROP TABLE serials;
ALTER TABLE orders DROP COLUMN batch;
DROP SEQUENCE IF EXISTS orders_batch_seq;
