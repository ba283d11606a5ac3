CREATE TABLE IF NOT EXISTS orders (id bigint PRIMARY KEY, amount numeric NOT NULL);
CREATE FUNCTION order_total(p_id bigint) RETURNS numeric LANGUAGE sql
    AS 'SELECT amount FROM orders WHERE id = p_id';
CREATE VIEW big_orders AS SELECT id, amount FROM orders WHERE amount > 100;
