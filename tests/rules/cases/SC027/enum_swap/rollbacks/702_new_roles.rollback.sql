-- expect: none of SC027
-- the mirror image gives back the type of 701, with its values in their order: team_role
-- existed before the migration, the rollback is not asked to drop it
ALTER TABLE members ALTER COLUMN role DROP DEFAULT;
ALTER TYPE team_role RENAME TO team_role_old;
CREATE TYPE team_role AS ENUM ('owner', 'member', 'admin');
ALTER TABLE members ALTER COLUMN role TYPE team_role
    USING (CASE WHEN role::text = 'manager' THEN 'owner' ELSE role::text END)::team_role;
ALTER TABLE members ALTER COLUMN role SET DEFAULT 'member';
DROP TYPE team_role_old;
