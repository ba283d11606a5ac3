-- expect: SC025 at 2, 3, 4, 5, 6
CREATE TABLE oauth_connections (id uuid PRIMARY KEY, user_id uuid);
CREATE INDEX idx_oauth_connections_user_id ON oauth_connections (user_id);
CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;
CREATE TRIGGER trg BEFORE UPDATE ON oauth_connections FOR EACH ROW EXECUTE FUNCTION f();
ALTER TABLE messages ADD COLUMN x int;
