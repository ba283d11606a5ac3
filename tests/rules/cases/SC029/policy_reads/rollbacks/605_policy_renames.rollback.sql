-- expect: SC029 at 6, 7, 7, 9, 9
-- a policy renamed (by the migration or by the rollback) is dropped by its new name; a DROP
-- of its old name drops nothing
ALTER POLICY desks_floor ON desks RENAME TO desks_level;
DROP POLICY IF EXISTS desks_office ON desks;
DROP FUNCTION in_office();
ALTER TABLE desks DROP COLUMN floor;
DROP POLICY IF EXISTS desks_floor ON desks;
ALTER TABLE desks DROP COLUMN floor;
DROP POLICY desks_in_office ON desks;
DROP FUNCTION in_office();
DROP POLICY desks_level ON desks;
ALTER TABLE desks DROP COLUMN floor;
DROP TABLE desks;
