-- Primary key, unique, check and exclusion constraints declared on a table. Foreign keys have
-- their own query; NOT NULL constraints (listed here by PostgreSQL 18) are column nullability;
-- constraints cloned or inherited from a parent belong to the parent. Column names in key
-- order; a one-column key (the common case) looks its name up without unnesting.
SELECT
    r.nspname AS schema,
    r.relname AS "table",
    c.conname AS name,
    CASE c.contype
        WHEN 'p' THEN 'primary_key'
        WHEN 'u' THEN 'unique'
        WHEN 'c' THEN 'check'
        ELSE 'exclusion'
    END AS type,
    CASE WHEN pg_catalog.cardinality(c.conkey) = 1 THEN ARRAY[(
        SELECT a.attname FROM pg_catalog.pg_attribute a
        WHERE a.attrelid = c.conrelid AND a.attnum = c.conkey[1])]
    ELSE ARRAY(
        SELECT a.attname
        FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, i)
        JOIN pg_catalog.pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
        ORDER BY k.i
    ) END AS columns,
    CASE c.contype
        WHEN 'c' THEN pg_catalog.pg_get_expr(c.conbin, c.conrelid, true)
        WHEN 'x' THEN pg_catalog.regexp_replace(
            pg_catalog.pg_get_constraintdef(c.oid, true),
            ' (NOT )?DEFERRABLE( INITIALLY (DEFERRED|IMMEDIATE))?$', '')
        ELSE ''
    END AS expression,
    c.convalidated AS validated,
    c.condeferrable AS deferrable,
    c.condeferred AS initially_deferred
FROM rel r
JOIN pg_catalog.pg_constraint c ON c.conrelid = r.oid
WHERE r.relkind IN ('r', 'p')
  AND c.contype IN ('p', 'u', 'c', 'x')
  AND c.conparentid = 0
  AND c.conislocal
ORDER BY 1, 2, 3
