-- expect: none of SC044
CREATE TABLE boxes (id bigint PRIMARY KEY, size integer);
CREATE VIEW box_sizes AS SELECT id, size FROM boxes;
CREATE FUNCTION box_stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER boxes_stamp BEFORE UPDATE ON boxes FOR EACH ROW EXECUTE FUNCTION box_stamp();
CREATE TABLE crates (id bigint PRIMARY KEY, box_id bigint REFERENCES boxes (id));
CREATE TRIGGER crates_stamp BEFORE UPDATE ON crates FOR EACH ROW EXECUTE FUNCTION box_stamp();
CREATE FUNCTION box_touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER boxes_touch BEFORE INSERT ON boxes FOR EACH ROW EXECUTE FUNCTION box_touch();
