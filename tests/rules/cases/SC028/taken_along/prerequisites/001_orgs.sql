CREATE TABLE orgs (id int PRIMARY KEY, name text);
CREATE INDEX idx_orgs_name ON orgs (name);
ALTER TABLE orgs ADD CONSTRAINT orgs_name_check CHECK (name <> '');
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER orgs_touch BEFORE UPDATE ON orgs FOR EACH ROW EXECUTE FUNCTION touch();
ALTER TABLE orgs ENABLE ROW LEVEL SECURITY;
CREATE POLICY orgs_read ON orgs USING (true);
