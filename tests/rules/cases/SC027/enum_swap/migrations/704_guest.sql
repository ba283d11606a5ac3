-- the column moved to text, the type dropped and created again
ALTER TABLE members ALTER COLUMN role DROP DEFAULT, ALTER COLUMN role TYPE text;
DROP TYPE team_role;
CREATE TYPE team_role AS ENUM ('manager', 'member', 'viewer', 'guest');
ALTER TABLE members ALTER COLUMN role TYPE team_role USING role::team_role,
    ALTER COLUMN role SET DEFAULT 'member';
