-- expect: none of SC029
-- the foreign key goes first, by the name PostgreSQL gave it
ALTER TABLE IF EXISTS "accounts" DROP CONSTRAINT IF EXISTS "accounts_owner_fkey";
DROP TABLE IF EXISTS "users";
