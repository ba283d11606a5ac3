-- expect: none of SC004
-- rows that expire later, or were written long ago, are not a window of recent writes
DELETE FROM oauth_connections WHERE token_expires_at > now();
DELETE FROM oauth_connections WHERE token_expires_at > now() + interval '1 hour';
DELETE FROM oauth_connections WHERE now() > token_expires_at;
DELETE FROM sessions WHERE created_at < now() - interval '30 days';
WITH gone AS (DELETE FROM sessions WHERE id = 'x' RETURNING id) SELECT count(*) FROM gone;
