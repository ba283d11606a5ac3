-- Tables, partitioned tables and partitions (with their parent).
SELECT
    r.nspname AS schema,
    r.relname AS name,
    r.relkind = 'p' AS partitioned,
    pn.nspname AS parent_schema,
    p.relname AS parent_name
FROM rel r
LEFT JOIN pg_catalog.pg_inherits i ON r.relispartition AND i.inhrelid = r.oid
LEFT JOIN pg_catalog.pg_class p ON p.oid = i.inhparent
LEFT JOIN pg_catalog.pg_namespace pn ON pn.oid = p.relnamespace
WHERE r.relkind IN ('r', 'p')
ORDER BY 1, 2
