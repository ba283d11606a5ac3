-- Prepended to every query: `ns`, the schemas the caller selected, and `rel`, the relations
-- in them (tables, partitions, views, materialized views, sequences). System schemas are left
-- out unless named in %(schemas)s; objects owned by an extension unless asked for. Those are
-- found from the extension side (pg_depend rows that reference pg_extension, a handful): one
-- hashed set, where a lookup per relation cost a third of some queries' time on a large
-- catalog.
WITH ns AS (
    SELECT n.oid, n.nspname
    FROM pg_catalog.pg_namespace n
    WHERE CASE
            WHEN %(schemas)s::text[] IS NULL THEN
                n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
                AND n.nspname !~ '^pg_(toast_)?temp_'
            ELSE n.nspname = ANY (%(schemas)s::text[])
          END
      AND NOT n.nspname LIKE ANY (%(exclude)s::text[])
),
rel AS (
    SELECT c.oid, c.relname, c.relkind, c.relispartition, ns.nspname
    FROM pg_catalog.pg_class c
    JOIN ns ON ns.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S')
      AND (
        %(extension_objects)s::boolean
        OR c.oid NOT IN (
            SELECT d.objid FROM pg_catalog.pg_depend d
            WHERE d.refclassid = 'pg_catalog.pg_extension'::regclass
              AND d.classid = 'pg_catalog.pg_class'::regclass
              AND d.deptype = 'e'
        )
      )
)
