-- expect: SC027 at file
-- forgets count_old_oauth_tokens(); a whole-file finding, reported at the file's start
DROP TABLE IF EXISTS oauth_connections;
DROP FUNCTION IF EXISTS update_oauth_connections_updated_at();
