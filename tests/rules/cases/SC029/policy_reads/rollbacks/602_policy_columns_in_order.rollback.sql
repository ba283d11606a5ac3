-- expect: none of SC029
-- "Label" is not label; ALTER POLICY replaced the USING expression reading title; CASCADE
-- drops the policy with the column; a policy dropped first no longer reads its columns
ALTER TABLE boards DROP COLUMN "Label";
ALTER TABLE boards DROP COLUMN title;
ALTER TABLE boards DROP COLUMN label CASCADE;
DROP POLICY boards_team ON boards;
ALTER TABLE boards DROP COLUMN team, DROP COLUMN kind;
DROP TABLE boards;
