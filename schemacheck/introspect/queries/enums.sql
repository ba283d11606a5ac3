-- Enum types with their labels in sort order.
SELECT
    ns.nspname AS schema,
    t.typname AS name,
    ARRAY(
        SELECT e.enumlabel
        FROM pg_catalog.pg_enum e
        WHERE e.enumtypid = t.oid
        ORDER BY e.enumsortorder
    ) AS labels
FROM pg_catalog.pg_type t
JOIN ns ON ns.oid = t.typnamespace
WHERE t.typtype = 'e'
  AND (
    %(extension_objects)s::boolean
    OR t.oid NOT IN (
        SELECT d.objid FROM pg_catalog.pg_depend d
        WHERE d.refclassid = 'pg_catalog.pg_extension'::regclass
          AND d.classid = 'pg_catalog.pg_type'::regclass
          AND d.deptype = 'e'
    )
  )
ORDER BY 1, 2
