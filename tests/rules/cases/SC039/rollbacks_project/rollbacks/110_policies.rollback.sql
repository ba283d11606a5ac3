-- expect: SC039 at 7, 10, 12
-- the rollback names a policy by the name it had before the migration renamed it, drops one
-- that went with the column it reads, and one that went with its table; the policy reading
-- pol_members holds it until it is dropped
DROP TABLE pol_members;
ALTER TABLE pol_members DROP COLUMN org_id;
DROP POLICY pol_read ON pol_orgs;
DROP POLICY pol_member_read ON pol_orgs;
ALTER TABLE pol_orgs DROP COLUMN owner CASCADE;
DROP POLICY pol_owner ON pol_orgs;
DROP TABLE pol_members;
DROP POLICY pol_self ON pol_members;
DROP POLICY IF EXISTS pol_self ON pol_members;
DROP TABLE pol_orgs;
