DROP VIEW IF EXISTS big_orders;
DROP FUNCTION IF EXISTS order_total(bigint);
DROP TABLE IF EXISTS orders;
