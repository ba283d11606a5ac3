-- Sequences with the column that owns them (serial, OWNED BY); the sequences behind identity
-- columns belong to the column and are left out.
SELECT
    r.nspname AS schema,
    r.relname AS name,
    pg_catalog.format_type(s.seqtypid, NULL) AS data_type,
    s.seqstart AS start,
    s.seqincrement AS increment,
    s.seqmin AS min_value,
    s.seqmax AS max_value,
    s.seqcycle AS cycle,
    s.seqcache AS cache,
    owner.relname AS owner_table,
    owner.attname AS owner_column
FROM rel r
JOIN pg_catalog.pg_sequence s ON s.seqrelid = r.oid
LEFT JOIN LATERAL (
    SELECT d.deptype, t.relname, a.attname
    FROM pg_catalog.pg_depend d
    JOIN pg_catalog.pg_class t ON t.oid = d.refobjid
    JOIN pg_catalog.pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
    WHERE d.classid = 'pg_catalog.pg_class'::regclass
      AND d.objid = r.oid
      AND d.refclassid = 'pg_catalog.pg_class'::regclass
      AND d.refobjsubid > 0
      AND d.deptype IN ('a', 'i')
    LIMIT 1
) owner ON true
WHERE r.relkind = 'S'
  AND owner.deptype IS DISTINCT FROM 'i'
ORDER BY 1, 2
