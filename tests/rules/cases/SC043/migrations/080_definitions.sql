-- expect: SC043 at 7, 8, 9, 10, 11, 12
-- a view's query, a LANGUAGE sql body (checked when it is created), a CHECK, an index
-- predicate and a column default read the new value when the statement runs; a view
-- comparing a text column with the word does not
BEGIN;
ALTER TYPE order_status ADD VALUE 'escalated';
CREATE VIEW escalated_orders AS SELECT id FROM orders WHERE status = 'escalated';
CREATE FUNCTION escalated_count() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM orders WHERE status = 'escalated' $$;
CREATE PROCEDURE escalate(i int) LANGUAGE sql BEGIN ATOMIC UPDATE orders SET status = 'escalated' WHERE id = i; END;
ALTER TABLE orders ADD CONSTRAINT not_escalated CHECK (status <> 'escalated') NOT VALID;
CREATE INDEX orders_escalated ON orders (id) WHERE status = 'escalated';
ALTER TABLE order_log ADD COLUMN first_status order_status DEFAULT 'escalated';
CREATE VIEW order_notes AS SELECT id FROM orders WHERE note = 'escalated';
COMMIT;
