-- expect: SC027 at 6
-- the type created again with the values of 701, not those 702 left (manager, member)
UPDATE members SET role = 'member' WHERE role = 'viewer';
ALTER TABLE members ALTER COLUMN role DROP DEFAULT;
ALTER TYPE team_role RENAME TO team_role_old;
CREATE TYPE team_role AS ENUM ('owner', 'member', 'admin');
ALTER TABLE members ALTER COLUMN role TYPE team_role
    USING (CASE WHEN role::text = 'manager' THEN 'owner' ELSE role::text END)::team_role;
ALTER TABLE members ALTER COLUMN role SET DEFAULT 'member';
DROP TYPE team_role_old;
