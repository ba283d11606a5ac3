-- expect: SC043 at 6, 7, 8, 9
-- the value is used in the transaction that adds it; a text column holding the same word
-- and a PL/pgSQL body are not uses
BEGIN;
ALTER TYPE order_status ADD VALUE 'archived';
UPDATE orders SET status = 'archived' WHERE id = 1;
INSERT INTO orders (id, status) VALUES (2, 'archived');
SELECT count(*) FROM orders WHERE status = 'archived'::order_status;
ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'archived';
UPDATE orders SET note = 'archived' WHERE id = 1;
CREATE FUNCTION is_archived(s order_status) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN RETURN s = 'archived'; END $$;
COMMIT;
