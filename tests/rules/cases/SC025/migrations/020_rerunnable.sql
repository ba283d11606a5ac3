-- expect: none of SC025
CREATE TABLE IF NOT EXISTS oauth_connections (id uuid PRIMARY KEY, user_id uuid);
CREATE INDEX IF NOT EXISTS idx_oauth_connections_user_id ON oauth_connections (user_id);
CREATE OR REPLACE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
DROP TRIGGER IF EXISTS trg ON oauth_connections;
CREATE TRIGGER trg BEFORE UPDATE ON oauth_connections FOR EACH ROW EXECUTE FUNCTION f();
CREATE OR REPLACE TRIGGER trg2 BEFORE UPDATE ON oauth_connections FOR EACH ROW EXECUTE FUNCTION f();
ALTER TABLE messages ADD COLUMN IF NOT EXISTS x int;
CREATE TEMP TABLE tmp_x (a int);
