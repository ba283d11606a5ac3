-- expect: none of SC029
-- the default 'member' is still a constant of member_role (cast to text by the migration)
ALTER TABLE memberships ALTER COLUMN r TYPE member_role USING r::member_role;
