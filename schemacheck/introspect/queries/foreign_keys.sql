-- Foreign keys declared on a table (not the copies PostgreSQL keeps for partitions).
SELECT
    r.nspname AS schema,
    r.relname AS "table",
    c.conname AS name,
    cols.columns,
    fn.nspname AS target_schema,
    f.relname AS target_table,
    target.columns AS target_columns,
    c.confdeltype AS on_delete,
    c.confupdtype AS on_update,
    c.condeferrable AS deferrable,
    c.condeferred AS initially_deferred,
    c.convalidated AS validated
FROM rel r
JOIN pg_catalog.pg_constraint c ON c.conrelid = r.oid AND c.contype = 'f'
JOIN pg_catalog.pg_class f ON f.oid = c.confrelid
JOIN pg_catalog.pg_namespace fn ON fn.oid = f.relnamespace
CROSS JOIN LATERAL (
    SELECT array_agg(a.attname ORDER BY k.i) AS columns
    FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, i)
    JOIN pg_catalog.pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
) cols
CROSS JOIN LATERAL (
    SELECT array_agg(a.attname ORDER BY k.i) AS columns
    FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, i)
    JOIN pg_catalog.pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum
) target
WHERE r.relkind IN ('r', 'p')
  AND c.conparentid = 0
ORDER BY 1, 2, 3
