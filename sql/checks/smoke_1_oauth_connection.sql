-- Batch 3 smoke test, as written in the checklist, Step 6, Test 1: OAuth Connection.

-- Insert test OAuth connection
INSERT INTO oauth_connections (
    user_id,
    provider,
    provider_user_id,
    email,
    access_token_encrypted,
    refresh_token_encrypted,
    tokens_encrypted,
    token_expires_at
)
SELECT
    id,
    'google',
    'test-provider-user-123',
    'test@example.com',
    E'\\x0001020304'::bytea, -- Fake encrypted token
    E'\\x0506070809'::bytea, -- Fake encrypted token
    TRUE,
    NOW() + INTERVAL '1 hour'
FROM users
WHERE is_active = TRUE
LIMIT 1;

-- Verify inserted
SELECT
    provider,
    provider_user_id,
    tokens_encrypted,
    updated_at > created_at as trigger_works
FROM oauth_connections
WHERE provider_user_id = 'test-provider-user-123';

-- Cleanup
DELETE FROM oauth_connections WHERE provider_user_id = 'test-provider-user-123';
