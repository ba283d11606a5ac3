-- Views and materialized views with their query.
SELECT
    r.nspname AS schema,
    r.relname AS name,
    r.relkind = 'm' AS materialized,
    pg_catalog.pg_get_viewdef(r.oid, true) AS definition
FROM rel r
WHERE r.relkind IN ('v', 'm')
ORDER BY 1, 2
