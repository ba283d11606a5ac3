-- expect: SC029 at 6
-- the enum swap back: the column's default is still a constant of the type renamed away
-- ('member'::team_role_old), which PostgreSQL cannot cast to the new team_role (42804)
ALTER TYPE team_role RENAME TO team_role_old;
CREATE TYPE team_role AS ENUM ('owner', 'member', 'admin');
ALTER TABLE members ALTER COLUMN role TYPE team_role USING (CASE WHEN role::text = 'manager' THEN 'owner' ELSE role::text END)::team_role;
DROP TYPE team_role_old;
