ALTER TABLE members ALTER COLUMN role DROP DEFAULT, ALTER COLUMN role TYPE text;
DROP TYPE team_role;
CREATE TYPE team_role AS ENUM ('staff', 'member', 'viewer', 'guest');
ALTER TABLE members ALTER COLUMN role TYPE team_role
    USING (CASE WHEN role = 'manager' THEN 'staff' ELSE role END)::team_role,
    ALTER COLUMN role SET DEFAULT 'member';
