-- expect: none of SC044
CREATE TABLE accounts (
    id bigint PRIMARY KEY,
    team_id bigint NOT NULL REFERENCES teams (id),
    owner text NOT NULL,
    region text NOT NULL DEFAULT 'eu',
    status text NOT NULL DEFAULT 'open',
    updated_at timestamptz
);
CREATE VIEW account_owners AS SELECT id, owner FROM accounts;
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql
    AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$;
CREATE TRIGGER accounts_touch BEFORE UPDATE ON accounts
    FOR EACH ROW EXECUTE FUNCTION touch();
ALTER TABLE accounts ENABLE ROW LEVEL SECURITY;
CREATE POLICY accounts_region ON accounts USING (region = current_setting('app.region', true));
CREATE TYPE mood AS ENUM ('happy', 'sad');
CREATE TABLE notes (id bigint PRIMARY KEY, account_id bigint REFERENCES accounts (id), feeling mood);
CREATE FUNCTION next_code() RETURNS text LANGUAGE sql AS $$ SELECT md5(random()::text) $$;
ALTER TABLE notes ADD COLUMN code text DEFAULT next_code();
