-- expect: SC029 at 5, 5, 6
-- a policy reading a table or a view in a subquery holds it until the policy (or the
-- policy's table) is gone
DROP POLICY IF EXISTS missing ON projects;
DROP TABLE members;
DROP VIEW my_teams;
DROP POLICY accounts_member ON accounts;
DROP TABLE projects;
DROP TABLE members;
DROP VIEW my_teams;
DROP TABLE teams;
