-- expect: none of SC025
-- a failed run is rolled back whole: running the file again works as it is
BEGIN;
CREATE TABLE oauth_connections (id uuid PRIMARY KEY, user_id uuid);
CREATE INDEX idx_oauth_connections_user_id ON oauth_connections (user_id);
ALTER TABLE messages ADD COLUMN x int;
COMMIT;
