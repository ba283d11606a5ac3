-- User triggers on tables and views (not internal ones such as foreign-key triggers, nor the
-- clones PostgreSQL keeps on partitions). The WHEN condition is cut from pg_get_triggerdef,
-- since pg_get_expr cannot print OLD/NEW references. `columns` are those of UPDATE OF
-- (tgattr); `arguments` the strings the function is called with: tgargs holds each one
-- followed by a zero byte, in the database's encoding.
SELECT
    r.nspname AS schema,
    r.relname AS "table",
    t.tgname AS name,
    CASE
        WHEN t.tgtype & 2 = 2 THEN 'before'
        WHEN t.tgtype & 64 = 64 THEN 'instead of'
        ELSE 'after'
    END AS timing,
    array_remove(ARRAY[
        CASE WHEN t.tgtype & 4 = 4 THEN 'insert' END,
        CASE WHEN t.tgtype & 8 = 8 THEN 'delete' END,
        CASE WHEN t.tgtype & 16 = 16 THEN 'update' END,
        CASE WHEN t.tgtype & 32 = 32 THEN 'truncate' END
    ], NULL) AS events,
    CASE WHEN t.tgtype & 1 = 1 THEN 'row' ELSE 'statement' END AS level,
    pn.nspname AS function_schema,
    p.proname AS function_name,
    CASE WHEN t.tgqual IS NULL THEN ''
        ELSE coalesce(substring(
            pg_catalog.pg_get_triggerdef(t.oid, true)
            FROM ' WHEN \((.*)\) EXECUTE (?:FUNCTION|PROCEDURE) '), '')
    END AS "when",
    t.tgenabled <> 'D' AS enabled,
    ARRAY(
        SELECT a.attname
        FROM unnest(t.tgattr::pg_catalog.int2[]) AS k(attnum)
        JOIN pg_catalog.pg_attribute a ON a.attrelid = t.tgrelid AND a.attnum = k.attnum
    ) AS columns,
    ARRAY(
        SELECT pg_catalog.convert_from(
            substring(t.tgargs FROM z.prev + 2 FOR z.pos - z.prev - 1),
            pg_catalog.getdatabaseencoding())
        FROM (
            SELECT i AS pos, lag(i, 1, -1) OVER (ORDER BY i) AS prev
            FROM generate_series(0, length(t.tgargs) - 1) AS i
            WHERE pg_catalog.get_byte(t.tgargs, i) = 0
        ) z
        ORDER BY z.pos
    ) AS arguments,
    t.tgdeferrable AS deferrable,
    t.tginitdeferred AS initially_deferred
FROM rel r
JOIN pg_catalog.pg_trigger t ON t.tgrelid = r.oid
JOIN pg_catalog.pg_proc p ON p.oid = t.tgfoid
JOIN pg_catalog.pg_namespace pn ON pn.oid = p.pronamespace
WHERE r.relkind IN ('r', 'p', 'v')
  AND NOT t.tgisinternal
  AND t.tgparentid = 0
ORDER BY 1, 2, 3
