-- expect: none of SC027, SC028
-- created again with the values of 703, in their order, without 'guest'
UPDATE members SET role = 'member' WHERE role = 'guest';
ALTER TABLE members ALTER COLUMN role DROP DEFAULT, ALTER COLUMN role TYPE text;
DROP TYPE team_role;
CREATE TYPE team_role AS ENUM ('manager', 'member', 'viewer');
ALTER TABLE members ALTER COLUMN role TYPE team_role USING role::team_role,
    ALTER COLUMN role SET DEFAULT 'member';
