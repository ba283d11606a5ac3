CREATE TABLE parent (id int PRIMARY KEY);
CREATE VIEW parent_ids AS SELECT id FROM parent;
