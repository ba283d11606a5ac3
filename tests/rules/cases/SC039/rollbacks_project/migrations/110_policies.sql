CREATE TABLE pol_orgs (id integer PRIMARY KEY, owner integer);
CREATE TABLE pol_members (org_id integer, user_id integer);
ALTER TABLE pol_orgs ENABLE ROW LEVEL SECURITY;
CREATE POLICY pol_read ON pol_orgs USING (id IN (SELECT org_id FROM pol_members));
CREATE POLICY pol_owner ON pol_orgs USING (owner = current_setting('app.uid')::integer);
ALTER POLICY pol_read ON pol_orgs RENAME TO pol_member_read;
ALTER TABLE pol_members ENABLE ROW LEVEL SECURITY;
CREATE POLICY pol_self ON pol_members USING (user_id = current_setting('app.uid')::integer);
