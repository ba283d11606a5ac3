ALTER TABLE members ALTER COLUMN role DROP DEFAULT;
ALTER TYPE team_role RENAME TO team_role_old;
CREATE TYPE team_role AS ENUM ('manager', 'member');
ALTER TABLE members ALTER COLUMN role TYPE team_role USING (CASE WHEN role::text = 'member' THEN 'member' ELSE 'manager' END)::team_role;
ALTER TABLE members ALTER COLUMN role SET DEFAULT 'member';
DROP TYPE team_role_old;
