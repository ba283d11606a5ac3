-- expect: none of SC027
-- what 230 made and 231 replaced gets its previous definition back; order_count is 231's own
DROP FUNCTION IF EXISTS order_count();
CREATE OR REPLACE VIEW big_orders AS SELECT id, amount FROM orders WHERE amount > 100;
CREATE OR REPLACE FUNCTION order_total(p_id bigint) RETURNS numeric LANGUAGE sql
    AS 'SELECT amount FROM orders WHERE id = p_id';
