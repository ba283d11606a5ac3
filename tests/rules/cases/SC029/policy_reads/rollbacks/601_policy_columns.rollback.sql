-- expect: SC029 at 6, 7, 8, 8, 9
-- a policy's USING or WITH CHECK expression reads columns of its table: PostgreSQL refuses to
-- drop one of them until the policy (or its table) is gone; dropping the column does not
-- drop the policy
ALTER TABLE accounts DROP COLUMN IF EXISTS note;
ALTER TABLE accounts DROP COLUMN region;
ALTER TABLE accounts DROP COLUMN tier, DROP COLUMN IF EXISTS missing;
ALTER TABLE cards DROP COLUMN pin, DROP COLUMN holder;
ALTER TABLE accounts DROP COLUMN team;
DROP POLICY accounts_region ON accounts;
DROP POLICY accounts_tier ON accounts;
DROP POLICY accounts_team ON accounts;
ALTER TABLE accounts DROP COLUMN region, DROP COLUMN tier;
DROP TABLE cards;
