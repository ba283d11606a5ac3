-- expect: none of SC028
DROP INDEX IF EXISTS idx_grants_org;
