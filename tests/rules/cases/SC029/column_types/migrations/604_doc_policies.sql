ALTER TABLE docs ALTER COLUMN owner TYPE text;
ALTER TABLE docs ALTER COLUMN body TYPE text;
CREATE POLICY docs_own ON docs USING (owner = current_user);
CREATE POLICY docs_insert ON docs FOR INSERT WITH CHECK (length(body) < 500);
