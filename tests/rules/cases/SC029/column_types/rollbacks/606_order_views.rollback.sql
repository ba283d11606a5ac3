-- expect: SC029 at 5, 5, 5, 6, 8
-- a view or materialized view holds the columns it reads, by name or with * (0A000); a
-- column added after the view is not in it
ALTER TABLE orders DROP COLUMN placed_at;
ALTER TABLE orders ALTER COLUMN total TYPE numeric(10, 2);
ALTER TABLE orders ALTER COLUMN note TYPE varchar(50);
DROP VIEW order_totals;
ALTER TABLE orders ALTER COLUMN note TYPE varchar(60);
DROP MATERIALIZED VIEW big_orders;
DROP VIEW every_order;
