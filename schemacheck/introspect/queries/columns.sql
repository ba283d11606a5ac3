-- Columns of tables: type as format_type prints it, nullability, default, identity and
-- generation expression ('' when the column has none). pg_attrdef is read only for columns
-- whose atthasdef says they have an entry there (most columns have none). A default cannot
-- refer to a column, so it is printed without its table (relation 0): given the table,
-- pg_get_expr opens it to name its columns, which in a new backend costs a relation cache
-- entry per table (0.3 s for 20,000 tables). A generated column's expression does refer to
-- columns and is printed with its table. The collation is given only where it is not the
-- type's own (attcollation <> typcollation), named as pg_get_indexdef names an index key's:
-- schema-qualified when not visible.
SELECT
    r.nspname AS schema,
    r.relname AS "table",
    a.attname AS name,
    pg_catalog.format_type(a.atttypid, a.atttypmod) AS type,
    NOT a.attnotnull AS nullable,
    CASE WHEN a.atthasdef AND a.attgenerated = ''
        THEN coalesce((
            SELECT pg_catalog.pg_get_expr(d.adbin, 0, true)
            FROM pg_catalog.pg_attrdef d
            WHERE d.adrelid = a.attrelid AND d.adnum = a.attnum
        ), '')
        ELSE ''
    END AS "default",
    CASE a.attidentity WHEN 'a' THEN 'always' WHEN 'd' THEN 'by default' ELSE '' END
        AS identity,
    CASE WHEN a.atthasdef AND a.attgenerated <> ''
        THEN coalesce((
            SELECT pg_catalog.pg_get_expr(d.adbin, d.adrelid, true)
            FROM pg_catalog.pg_attrdef d
            WHERE d.adrelid = a.attrelid AND d.adnum = a.attnum
        ), '')
        ELSE ''
    END AS generated,
    CASE WHEN a.attcollation = ty.typcollation THEN ''
        ELSE (
            SELECT CASE WHEN pg_catalog.pg_collation_is_visible(co.oid)
                    THEN pg_catalog.quote_ident(co.collname)
                ELSE pg_catalog.quote_ident(con.nspname) || '.'
                    || pg_catalog.quote_ident(co.collname)
            END
            FROM pg_catalog.pg_collation co
            JOIN pg_catalog.pg_namespace con ON con.oid = co.collnamespace
            WHERE co.oid = a.attcollation
        )
    END AS collation
FROM rel r
JOIN pg_catalog.pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
JOIN pg_catalog.pg_type ty ON ty.oid = a.atttypid
WHERE r.relkind IN ('r', 'p')
ORDER BY 1, 2, a.attnum
