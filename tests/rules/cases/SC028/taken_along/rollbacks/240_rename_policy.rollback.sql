-- expect: none of SC028
-- the policy the migration renamed, given back under its earlier name
DROP POLICY orgs_select ON orgs;
CREATE POLICY orgs_read ON orgs USING (true);
