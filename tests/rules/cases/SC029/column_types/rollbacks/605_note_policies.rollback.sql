-- expect: none of SC029
DROP POLICY notes_own ON notes;
DROP POLICY notes_insert ON notes;
ALTER TABLE notes ALTER COLUMN owner TYPE varchar(100);
ALTER TABLE notes ALTER COLUMN body TYPE varchar(500);
