CREATE TABLE vc (id integer, u integer);
CREATE INDEX vc_u ON vc (u);
CREATE VIEW vc_view AS SELECT u FROM vc;
CREATE TABLE tv (id integer);
CREATE FUNCTION tv_touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER tv_t BEFORE INSERT ON tv FOR EACH ROW EXECUTE FUNCTION tv_touch();
