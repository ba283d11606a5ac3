-- Functions, procedures, aggregates and window functions. `arguments` are the types of the
-- call signature (proargtypes: what pg_get_function_identity_arguments lists, without names
-- and modes). `source` is the body as stored; `sql_body` the body of a SQL-standard
-- function (BEGIN ATOMIC / RETURN), read on PostgreSQL 14 and later. `settings` are the
-- `name=value` entries of the function's SET clauses (proconfig), '{}' for none.
SELECT
    ns.nspname AS schema,
    p.proname AS name,
    ARRAY(
        SELECT pg_catalog.format_type(t.oid, NULL)
        FROM unnest(p.proargtypes::oid[]) WITH ORDINALITY AS t(oid, i)
        ORDER BY t.i
    ) AS arguments,
    CASE p.prokind
        WHEN 'p' THEN 'procedure'
        WHEN 'a' THEN 'aggregate'
        WHEN 'w' THEN 'window'
        ELSE 'function'
    END AS routine,
    coalesce(pg_catalog.pg_get_function_result(p.oid), '') AS returns,
    l.lanname AS language,
    CASE p.provolatile WHEN 'i' THEN 'immutable' WHEN 's' THEN 'stable' ELSE 'volatile' END
        AS volatility,
    p.prosecdef AS security_definer,
    p.proisstrict AS strict,
    CASE p.proparallel WHEN 's' THEN 'safe' WHEN 'r' THEN 'restricted' ELSE 'unsafe' END
        AS parallel,
    coalesce(p.proconfig, '{}') AS settings,
    p.prosrc AS source,
    /*since 140000: pg_catalog.pg_get_function_sqlbody(p.oid)*/NULL::text AS sql_body
FROM pg_catalog.pg_proc p
JOIN ns ON ns.oid = p.pronamespace
JOIN pg_catalog.pg_language l ON l.oid = p.prolang
WHERE %(extension_objects)s::boolean
   OR p.oid NOT IN (
        SELECT d.objid FROM pg_catalog.pg_depend d
        WHERE d.refclassid = 'pg_catalog.pg_extension'::regclass
          AND d.classid = 'pg_catalog.pg_proc'::regclass
          AND d.deptype = 'e'
    )
ORDER BY 1, 2, 3
