-- expect: none of SC020
-- SC009's recipe, one step a file: the CHECK guards nothing the NOT NULL column does not
ALTER TABLE users DROP CONSTRAINT users_email_nn;
ALTER TABLE users ALTER COLUMN "Name" SET NOT NULL;
ALTER TABLE users DROP CONSTRAINT IF EXISTS "users_Name_nn";
ALTER TABLE accounts ALTER COLUMN owner SET NOT NULL, DROP CONSTRAINT accounts_owner_nn;
