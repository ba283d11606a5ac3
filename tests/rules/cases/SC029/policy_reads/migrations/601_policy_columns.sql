ALTER TABLE accounts ADD COLUMN IF NOT EXISTS region text;
ALTER TABLE accounts ADD COLUMN IF NOT EXISTS tier int;
ALTER TABLE accounts ADD COLUMN IF NOT EXISTS note text;
CREATE POLICY accounts_region ON accounts USING (region = current_setting('app.region'));
CREATE POLICY accounts_tier ON accounts FOR INSERT WITH CHECK (accounts.tier > 0);
CREATE POLICY accounts_team ON accounts FOR UPDATE USING (true) WITH CHECK (team <> '');
CREATE TABLE IF NOT EXISTS cards (id bigint PRIMARY KEY, holder text, pin text);
CREATE POLICY cards_holder ON cards USING (holder = CURRENT_USER AND pin IS NOT NULL);
