CREATE TABLE IF NOT EXISTS teams (id bigint PRIMARY KEY, owner text);
CREATE TABLE IF NOT EXISTS members (team_id bigint, who text);
CREATE VIEW my_teams AS SELECT id FROM teams WHERE owner = current_user;
CREATE TABLE IF NOT EXISTS projects (id bigint PRIMARY KEY, team_id bigint);
CREATE POLICY projects_member ON projects
    USING (EXISTS (SELECT 1 FROM members m WHERE m.team_id = projects.team_id));
CREATE POLICY projects_mine ON projects FOR INSERT
    WITH CHECK (team_id IN (SELECT id FROM my_teams));
CREATE POLICY accounts_member ON accounts
    USING (EXISTS (SELECT 1 FROM public.members WHERE who = accounts.owner));
