-- expect: SC027 at file
-- the table's name given back, not the column's default
ALTER TABLE people RENAME TO members;
