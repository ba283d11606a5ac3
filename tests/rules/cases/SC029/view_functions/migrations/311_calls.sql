CREATE FUNCTION net(v int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT v * 100 / 120';
CREATE FUNCTION is_big(v int) RETURNS boolean LANGUAGE sql AS 'SELECT v > 1000';
CREATE FUNCTION order_ids(lim int) RETURNS SETOF bigint LANGUAGE sql
    AS 'SELECT id FROM orders LIMIT lim';
CREATE FUNCTION rank_of(v int) RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN -v; END $$;
CREATE FUNCTION app_limit() RETURNS int LANGUAGE sql AS 'SELECT 10';
CREATE VIEW order_net AS SELECT id, net(total) AS net FROM orders;
CREATE VIEW big_orders AS SELECT id FROM orders WHERE is_big(total);
CREATE VIEW some_orders AS SELECT * FROM order_ids(5) AS o (id);
CREATE VIEW ranked AS SELECT id FROM orders ORDER BY rank_of(total);
CREATE MATERIALIZED VIEW limited AS
    WITH l AS (SELECT public.app_limit() AS n)
    SELECT id FROM orders WHERE id < (SELECT n FROM l);
