-- expect: SC029 at 4, 5, 6, 7, 8
-- each function goes while a view or materialized view still calls it: in its select list,
-- WHERE, FROM, ORDER BY, or a WITH query
DROP FUNCTION IF EXISTS net(int);
DROP FUNCTION IF EXISTS is_big(integer);
DROP FUNCTION IF EXISTS order_ids(int);
DROP FUNCTION IF EXISTS rank_of(int4);
DROP FUNCTION IF EXISTS app_limit();
DROP VIEW IF EXISTS order_net, big_orders, some_orders, ranked;
DROP MATERIALIZED VIEW IF EXISTS limited;
