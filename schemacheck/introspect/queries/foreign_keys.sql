-- Foreign keys declared on a table (not the copies PostgreSQL keeps for partitions). Column
-- names in key order; a one-column key looks its name up without unnesting. The columns of
-- ON DELETE SET NULL (a) / SET DEFAULT (a) are in confdelsetcols (PostgreSQL 15 on; before,
-- an action applies to every referencing column, '{}').
SELECT
    r.nspname AS schema,
    r.relname AS "table",
    c.conname AS name,
    CASE WHEN pg_catalog.cardinality(c.conkey) = 1 THEN ARRAY[(
        SELECT a.attname FROM pg_catalog.pg_attribute a
        WHERE a.attrelid = c.conrelid AND a.attnum = c.conkey[1])]
    ELSE ARRAY(
        SELECT a.attname
        FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, i)
        JOIN pg_catalog.pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
        ORDER BY k.i
    ) END AS columns,
    fn.nspname AS target_schema,
    f.relname AS target_table,
    CASE WHEN pg_catalog.cardinality(c.confkey) = 1 THEN ARRAY[(
        SELECT a.attname FROM pg_catalog.pg_attribute a
        WHERE a.attrelid = c.confrelid AND a.attnum = c.confkey[1])]
    ELSE ARRAY(
        SELECT a.attname
        FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, i)
        JOIN pg_catalog.pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum
        ORDER BY k.i
    ) END AS target_columns,
    c.confdeltype AS on_delete,
    c.confupdtype AS on_update,
    c.condeferrable AS deferrable,
    c.condeferred AS initially_deferred,
    c.convalidated AS validated,
    c.confmatchtype AS match,
    /*since 150000: CASE WHEN c.confdelsetcols IS NULL THEN '{}' ELSE ARRAY(SELECT a.attname FROM unnest(c.confdelsetcols) WITH ORDINALITY AS k(attnum, i) JOIN pg_catalog.pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.i) END*/'{}'::name[]
        AS on_delete_columns
FROM rel r
JOIN pg_catalog.pg_constraint c ON c.conrelid = r.oid AND c.contype = 'f'
JOIN pg_catalog.pg_class f ON f.oid = c.confrelid
JOIN pg_catalog.pg_namespace fn ON fn.oid = f.relnamespace
WHERE r.relkind IN ('r', 'p')
  AND c.conparentid = 0
ORDER BY 1, 2, 3
