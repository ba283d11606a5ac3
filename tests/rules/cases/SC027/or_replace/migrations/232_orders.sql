CREATE OR REPLACE FUNCTION order_total(p_id bigint) RETURNS numeric LANGUAGE sql
    AS 'SELECT ceil(amount) FROM orders WHERE id = p_id';
CREATE OR REPLACE VIEW big_orders AS SELECT id, amount FROM orders WHERE amount > 500;
CREATE OR REPLACE FUNCTION order_count(min numeric) RETURNS bigint LANGUAGE sql
    AS 'SELECT count(*) FROM orders WHERE amount >= min';
