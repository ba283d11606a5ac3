-- Indexes of tables and materialized views, except those that implement a primary key,
-- unique or exclusion constraint (listed as constraints) and partitions of a parent index.
-- Each key as pg_get_indexdef prints it (a plain column: its quoted name, which is what
-- pg_get_indexdef prints for one and costs far less), plus a non-default operator class and
-- the ordering. INCLUDE columns are always plain columns.
SELECT
    r.nspname AS schema,
    r.relname AS "table",
    ic.relname AS name,
    keys.columns,
    x.indisunique AS "unique",
    coalesce(pg_catalog.pg_get_expr(x.indpred, x.indrelid, true), '') AS predicate,
    am.amname AS method,
    CASE WHEN x.indnatts > x.indnkeyatts THEN ARRAY(
        SELECT pg_catalog.quote_ident(a.attname)
        FROM pg_catalog.generate_series(x.indnkeyatts + 1, x.indnatts) AS k(k)
        JOIN pg_catalog.pg_attribute a
            ON a.attrelid = x.indrelid AND a.attnum = x.indkey[k.k - 1]
        ORDER BY k.k
    ) ELSE '{}' END AS include
FROM rel r
JOIN pg_catalog.pg_index x ON x.indrelid = r.oid
JOIN pg_catalog.pg_class ic ON ic.oid = x.indexrelid
JOIN pg_catalog.pg_am am ON am.oid = ic.relam
CROSS JOIN LATERAL (
    SELECT array_agg(
        CASE WHEN x.indkey[k.k - 1] <> 0 THEN pg_catalog.quote_ident(a.attname)
            ELSE pg_catalog.pg_get_indexdef(x.indexrelid, k.k, true)
        END
        || CASE WHEN opc.opcdefault THEN ''
            WHEN pg_catalog.pg_opclass_is_visible(opc.oid)
                THEN ' ' || pg_catalog.quote_ident(opc.opcname)
            ELSE ' ' || pg_catalog.quote_ident(opcn.nspname) || '.'
                || pg_catalog.quote_ident(opc.opcname)
        END
        || CASE
            WHEN x.indoption[k.k - 1] & 1 = 1 THEN
                ' DESC' || CASE WHEN x.indoption[k.k - 1] & 2 = 2 THEN '' ELSE ' NULLS LAST' END
            WHEN x.indoption[k.k - 1] & 2 = 2 THEN ' NULLS FIRST'
            ELSE ''
        END
        ORDER BY k.k
    ) AS columns
    FROM pg_catalog.generate_series(1, x.indnkeyatts) AS k(k)
    JOIN pg_catalog.pg_opclass opc ON opc.oid = x.indclass[k.k - 1]
    JOIN pg_catalog.pg_namespace opcn ON opcn.oid = opc.opcnamespace
    LEFT JOIN pg_catalog.pg_attribute a
        ON a.attrelid = x.indrelid AND a.attnum = x.indkey[k.k - 1]
) keys
WHERE r.relkind IN ('r', 'p', 'm')
  AND NOT ic.relispartition
  AND NOT EXISTS (
    SELECT FROM pg_catalog.pg_constraint c
    WHERE c.conrelid = x.indrelid
      AND c.conindid = x.indexrelid
      AND c.contype IN ('p', 'u', 'x')
  )
ORDER BY 1, 2, 3
