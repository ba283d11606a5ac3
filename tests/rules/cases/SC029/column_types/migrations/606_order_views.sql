ALTER TABLE orders ALTER COLUMN total TYPE numeric(12, 2);
ALTER TABLE orders ALTER COLUMN note TYPE text;
CREATE VIEW order_totals AS SELECT o.id, o.total FROM orders AS o;
CREATE MATERIALIZED VIEW big_orders AS SELECT id FROM orders WHERE total > 100;
CREATE VIEW every_order AS SELECT * FROM orders;
ALTER TABLE orders ADD COLUMN placed_at timestamptz;
