-- expect: SC028 at 4, 5, 6, 7
-- orgs was there before the migration: IF EXISTS or not, these drop what the
-- prerequisites made
DROP TRIGGER IF EXISTS orgs_touch ON orgs;
DROP POLICY IF EXISTS orgs_read ON orgs;
DROP INDEX IF EXISTS idx_orgs_name;
ALTER TABLE orgs DROP CONSTRAINT IF EXISTS orgs_name_check;
ALTER TABLE orgs DROP COLUMN plan;
