-- expect: none of SC044
-- each dependent is dropped first (in this migration), or goes with CASCADE; a table made
-- again has none of the old one's dependents
DROP VIEW project_titles;
ALTER TABLE projects ALTER COLUMN title TYPE varchar(200);
DROP TRIGGER drafts_stamp ON drafts;
DROP FUNCTION stamp();
ALTER TABLE projects DROP CONSTRAINT projects_team_id_fkey;
DROP TABLE teams;
CREATE TABLE teams (id bigint PRIMARY KEY);
DROP TABLE teams;
DROP TABLE drafts CASCADE;
