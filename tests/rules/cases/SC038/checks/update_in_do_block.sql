-- expect: none of SC038
DO $$
BEGIN
    UPDATE oauth_connections SET updated_at = now() - interval '1 day' WHERE provider_user_id = 'p-1';
END $$;
SELECT updated_at > created_at FROM oauth_connections WHERE provider_user_id = 'p-1';
