-- The schema-migrations table: where it is, whether it has the version column and whether we
-- may read that column. %(table)s is a possibly qualified name, resolved as in a query.
SELECT
    n.nspname AS schema,
    c.relname AS name,
    col.attname IS NOT NULL AS has_column,
    CASE WHEN col.attname IS NOT NULL
        THEN pg_catalog.has_column_privilege(c.oid, col.attnum, 'SELECT')
        ELSE pg_catalog.has_table_privilege(c.oid, 'SELECT')
    END AS readable
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_attribute col
    ON col.attrelid = c.oid AND col.attname = %(column)s AND col.attnum > 0
    AND NOT col.attisdropped
WHERE c.oid = pg_catalog.to_regclass(%(table)s)
