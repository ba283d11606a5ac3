-- expect: SC027 at 6
-- the values of 704, but not in their order: 'manager' now sorts after 'member'
ALTER TABLE members ALTER COLUMN role DROP DEFAULT, ALTER COLUMN role TYPE text;
UPDATE members SET role = 'manager' WHERE role = 'staff';
DROP TYPE team_role;
CREATE TYPE team_role AS ENUM ('member', 'manager', 'viewer', 'guest');
ALTER TABLE members ALTER COLUMN role TYPE team_role USING role::team_role,
    ALTER COLUMN role SET DEFAULT 'member';
