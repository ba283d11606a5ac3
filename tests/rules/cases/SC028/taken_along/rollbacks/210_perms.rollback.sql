-- expect: none of SC028
-- perms is the migration's and goes below: nothing on it existed before the migration,
-- and each DROP ... IF EXISTS drops nothing else (idx_perms_org is 211's, on perms)
DROP TRIGGER IF EXISTS perms_touch ON perms;
DROP POLICY IF EXISTS perms_read ON perms;
DROP INDEX IF EXISTS idx_perms_org;
ALTER TABLE perms DROP CONSTRAINT IF EXISTS perms_org_check;
ALTER TABLE perms DROP CONSTRAINT perms_pkey;
DROP TABLE perms;
