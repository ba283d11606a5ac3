-- Schemas.
SELECT ns.nspname AS name
FROM ns
ORDER BY 1
