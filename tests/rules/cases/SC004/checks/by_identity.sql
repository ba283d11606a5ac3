-- expect: none of SC004
DELETE FROM key_exchanges WHERE id = '7d0c6f3e-0000-4000-8000-000000000001';
DELETE FROM oauth_connections WHERE expires_at < now();
DELETE FROM sessions WHERE created_at < now() - interval '30 days';
SELECT count(*) FROM messages WHERE created_at > now() - interval '1 minute';
