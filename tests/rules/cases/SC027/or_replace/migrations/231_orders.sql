CREATE OR REPLACE FUNCTION order_total(p_id bigint) RETURNS numeric LANGUAGE sql
    AS 'SELECT round(amount, 2) FROM orders WHERE id = p_id';
CREATE OR REPLACE VIEW big_orders AS SELECT id, amount FROM orders WHERE amount > 1000;
CREATE OR REPLACE FUNCTION order_count() RETURNS bigint LANGUAGE sql
    AS 'SELECT count(*) FROM orders';
