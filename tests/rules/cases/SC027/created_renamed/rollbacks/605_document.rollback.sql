-- expect: none of SC027, SC028
DROP TABLE notes;
ALTER TABLE document RENAME TO doc;
