-- expect: none of SC028
DROP INDEX IF EXISTS idx_perms_org;
