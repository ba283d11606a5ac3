-- expect: SC044 at 7, 8, 9
-- the view made again reads id only, the table made again has neither the foreign key nor
-- the trigger, the trigger made again runs box_touch: the view made again still holds boxes,
-- the trigger its function, a view of crates made here its column
ALTER TABLE boxes DROP COLUMN size;
CREATE VIEW crate_labels AS SELECT id, label FROM crates;
ALTER TABLE crates DROP COLUMN label;
DROP FUNCTION box_touch();
DROP TABLE boxes;
DROP FUNCTION box_stamp();
