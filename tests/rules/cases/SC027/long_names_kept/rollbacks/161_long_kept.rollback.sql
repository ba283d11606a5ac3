-- expect: SC027 at file
-- the first index is dropped by the name PostgreSQL keeps ('é' x 31 + 'x'); the second one
-- (32 'é' is 64 bytes: kept as 31 'é') is not dropped
DROP INDEX IF EXISTS "éééééééééééééééééééééééééééééééx";
