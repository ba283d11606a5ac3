-- Installed extensions whose objects live in a selected schema.
SELECT e.extname AS name, ns.nspname AS schema, e.extversion AS version
FROM pg_catalog.pg_extension e
JOIN ns ON ns.oid = e.extnamespace
ORDER BY 1
