-- Rollback of migration 118_oauth_encrypted_tokens.sql.
-- As written in the Batch 3 checklist, Step 2 ("Rollback if needed").

DROP TABLE IF EXISTS oauth_connections CASCADE;
DROP FUNCTION IF EXISTS count_old_oauth_tokens();
DROP FUNCTION IF EXISTS update_oauth_connections_updated_at();
