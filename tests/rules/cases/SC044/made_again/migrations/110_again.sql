-- expect: none of SC044
-- a view, a table and a trigger dropped and made again: the view reads what its new query
-- reads, the table has none of the old one's foreign keys and triggers
DROP VIEW box_sizes;
CREATE VIEW box_sizes AS SELECT id FROM boxes;
DROP TABLE crates;
CREATE TABLE crates (id bigint PRIMARY KEY, label text);
DROP TRIGGER boxes_stamp ON boxes;
DROP TRIGGER boxes_touch ON boxes;
CREATE TRIGGER boxes_touch BEFORE INSERT ON boxes FOR EACH ROW EXECUTE FUNCTION box_touch();
