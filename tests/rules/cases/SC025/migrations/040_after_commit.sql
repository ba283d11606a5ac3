-- expect: SC025 at 6
BEGIN;
CREATE TABLE oauth_connections (id uuid PRIMARY KEY, user_id uuid);
COMMIT;
-- CONCURRENTLY cannot run in the transaction, so this one must be rerunnable
CREATE INDEX CONCURRENTLY idx_oauth_connections_user_id ON oauth_connections (user_id);
