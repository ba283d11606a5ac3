-- Indexes of tables and materialized views, except those that implement a primary key,
-- unique or exclusion constraint (listed as constraints) and partitions of a parent index.
-- Each key as pg_get_indexdef prints it (a plain column: its quoted name, which is what
-- pg_get_indexdef prints for one and costs far less), plus a collation where the index's
-- differs from the key's own, a non-default operator class and the ordering. INCLUDE columns
-- are always plain columns.
--
-- The collation is the one pg_get_indexdef prints, exactly where it prints one: the key's
-- pg_index.indcollation when it differs from the column's (attcollation) or, for an
-- expression, from the expression's own. A key that only takes its column's collation (or
-- names it again, which the catalog cannot tell apart) prints none. The per-key
-- pg_get_indexdef(oid, k, ...) prints no collation and the catalog keeps no expression's
-- collation, so for an expression key:
-- - when no node of the index's expressions carries a collation other than "default" (no
--   "...collid"/"collOid" field but 0 and 100 in pg_index.indexprs, the common case), the
--   expression's collation is "default" (100): the key prints the index's if it differs;
-- - otherwise the full definition decides: the key prints ` COLLATE <name>` when that
--   definition holds it right after the key where the key stands (the first key right after
--   the opening parenthesis, another after ", "). Only such keys pay for the full definition.
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
        || CASE
            WHEN co.oid IS NULL THEN ''
            WHEN x.indkey[k.k - 1] <> 0 THEN ' COLLATE ' || coll.name
            WHEN x.indexprs::text !~ 'coll(id|Oid) (?!(0|100)[^0-9])' THEN
                CASE WHEN co.oid = 100 THEN '' ELSE ' COLLATE ' || coll.name END
            WHEN EXISTS (
                SELECT
                FROM (
                    SELECT
                        CASE WHEN k.k = 1 THEN '(' ELSE ', ' END
                        || pg_catalog.pg_get_indexdef(x.indexrelid, k.k, false)
                        || ' COLLATE ' || coll.name AS text,
                        pg_catalog.substr(
                            pg_catalog.pg_get_indexdef(x.indexrelid),
                            pg_catalog.length(
                                'CREATE ' || CASE WHEN x.indisunique THEN 'UNIQUE ' ELSE '' END
                                || 'INDEX ' || pg_catalog.quote_ident(ic.relname) || ' ON '
                                || CASE WHEN ic.relkind = 'I' THEN 'ONLY ' ELSE '' END
                                || pg_catalog.quote_ident(r.nspname) || '.'
                                || pg_catalog.quote_ident(r.relname)
                                || ' USING ' || pg_catalog.quote_ident(am.amname) || ' ('
                            )
                        ) AS keys
                ) cand
                CROSS JOIN pg_catalog.unnest(ARRAY[' ', ',', ')']) AS after(c)
                WHERE CASE WHEN k.k = 1 THEN pg_catalog.starts_with(cand.keys, cand.text || after.c)
                    ELSE pg_catalog.strpos(cand.keys, cand.text || after.c) > 0
                END
            ) THEN ' COLLATE ' || coll.name
            ELSE ''
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
    LEFT JOIN pg_catalog.pg_collation co
        ON co.oid = x.indcollation[k.k - 1]
        AND (x.indkey[k.k - 1] = 0 OR co.oid <> a.attcollation)
    LEFT JOIN LATERAL (
        -- The name as pg_get_indexdef prints it: schema-qualified when not visible.
        SELECT CASE WHEN pg_catalog.pg_collation_is_visible(co.oid)
                THEN pg_catalog.quote_ident(co.collname)
            ELSE pg_catalog.quote_ident(con.nspname) || '.'
                || pg_catalog.quote_ident(co.collname)
        END AS name
        FROM pg_catalog.pg_namespace con
        WHERE con.oid = co.collnamespace
    ) coll ON true
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
