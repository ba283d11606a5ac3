-- expect: none of SC044
CREATE TABLE projects (id bigint PRIMARY KEY, team_id bigint REFERENCES teams (id), title text);
CREATE VIEW project_titles AS SELECT id, title FROM projects;
CREATE TABLE drafts (id bigint PRIMARY KEY, body text);
CREATE VIEW draft_bodies AS SELECT id, body FROM drafts;
CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER drafts_stamp BEFORE UPDATE ON drafts FOR EACH ROW EXECUTE FUNCTION stamp();
