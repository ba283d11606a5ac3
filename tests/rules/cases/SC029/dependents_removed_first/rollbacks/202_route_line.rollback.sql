-- expect: none of SC029
-- dropping the column drops its foreign key
ALTER TABLE route DROP COLUMN line_id;
DROP TABLE line;
