ALTER TABLE notes ALTER COLUMN owner TYPE text;
ALTER TABLE notes ALTER COLUMN body TYPE text;
CREATE POLICY notes_own ON notes USING (owner = current_user);
CREATE POLICY notes_insert ON notes FOR INSERT WITH CHECK (length(body) < 500);
