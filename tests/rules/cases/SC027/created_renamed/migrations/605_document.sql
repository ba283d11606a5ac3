-- a table of 600 renamed twice: one rename, from doc to document
ALTER TABLE doc RENAME TO doc_b;
ALTER TABLE doc_b RENAME TO document;
CREATE TABLE notes_tmp (id bigint PRIMARY KEY);
ALTER TABLE notes_tmp RENAME TO notes;
