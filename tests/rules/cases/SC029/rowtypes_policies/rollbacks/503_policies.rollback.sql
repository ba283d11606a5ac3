-- expect: SC029 at 6, 6, 7, 7, 8, 10
-- a policy's USING or WITH CHECK expression calls the function (or casts to the type) until
-- the policy or its table is gone; ALTER POLICY docs_edit replaced only its USING expression,
-- and a column a policy reads cannot be dropped (the policy stays)
ALTER TABLE docs DROP COLUMN IF EXISTS missing;
DROP FUNCTION me();
DROP FUNCTION IF EXISTS is_admin;
DROP TYPE staff_role;
DROP POLICY accounts_own ON accounts;
DROP FUNCTION me();
DROP TABLE docs;
DROP FUNCTION me();
DROP FUNCTION is_admin();
DROP TYPE staff_role;
