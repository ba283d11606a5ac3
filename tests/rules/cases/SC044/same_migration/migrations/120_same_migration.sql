-- expect: SC044 at 11, 14, 17, 20
-- dependents made earlier in the same migration hold what they depend on; a statement before
-- its dependent is made, or after the dependent is dropped, runs; a view of `*` reads the
-- columns its table had when it was made
CREATE TABLE labels (id bigint PRIMARY KEY, name text NOT NULL, color text);
CREATE TABLE tags (id bigint PRIMARY KEY, label_id bigint);
ALTER TABLE tags ALTER COLUMN id TYPE integer;
CREATE VIEW tag_ids AS SELECT id FROM tags;
CREATE VIEW label_names AS SELECT id, name FROM labels;
ALTER TABLE labels DROP COLUMN color;
DROP TABLE labels;
CREATE FUNCTION tag_guard() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER tags_guard BEFORE INSERT ON tags FOR EACH ROW EXECUTE FUNCTION tag_guard();
DROP FUNCTION tag_guard();
ALTER TABLE tags ENABLE ROW LEVEL SECURITY;
CREATE POLICY tags_labelled ON tags USING (label_id IS NOT NULL);
ALTER TABLE tags DROP COLUMN label_id;
CREATE TABLE colors (id bigint PRIMARY KEY, hex text);
CREATE VIEW every_color AS SELECT * FROM colors;
ALTER TABLE colors DROP COLUMN hex;
ALTER TABLE colors ADD COLUMN name text;
ALTER TABLE colors DROP COLUMN name;
CREATE VIEW every_color_again AS SELECT * FROM colors;
ALTER TABLE colors ADD COLUMN shade text;
ALTER TABLE colors DROP COLUMN shade;
DROP POLICY tags_labelled ON tags;
ALTER TABLE tags DROP COLUMN label_id;
DROP VIEW label_names;
DROP TABLE labels;
