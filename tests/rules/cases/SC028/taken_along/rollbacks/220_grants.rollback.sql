-- expect: SC028 at 5, 6, 7
-- grants is the migration's and goes below, but without IF EXISTS each DROP names what is
-- not there right after the migration: PostgreSQL refuses it (42704) and the rollback
-- stops (idx_grants_org is 221's, rolled back before this)
DROP TRIGGER grants_touch ON grants;
DROP POLICY grants_read ON grants;
DROP INDEX idx_grants_org;
DROP TABLE grants;
