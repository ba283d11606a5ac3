-- expect: SC044 at 12
-- a CASCADE drops what depends on what it drops, and nothing else: the view of both tables
-- and the foreign key of bins went with shelves, the view of bins alone still holds bins
-- (and renaming another table changes nothing of it)
CREATE TABLE shelves (id bigint PRIMARY KEY);
CREATE TABLE bins (id bigint PRIMARY KEY, shelf_id bigint REFERENCES shelves (id));
CREATE TABLE racks (id bigint PRIMARY KEY);
CREATE VIEW shelf_bins AS SELECT s.id FROM shelves s JOIN bins b ON b.shelf_id = s.id;
CREATE VIEW bin_ids AS SELECT id FROM bins;
ALTER TABLE racks RENAME TO old_racks;
DROP TABLE shelves CASCADE;
DROP TABLE bins;
