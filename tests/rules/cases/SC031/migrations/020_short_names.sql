-- expect: none of SC031
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_oauth_conn_provider_user_expiry_refresh
    ON oauth_connections (provider_user_id, token_expires_at);
CREATE TABLE IF NOT EXISTS t2 (id bigint PRIMARY KEY, exactly_sixty_three_bytes_long_name_xxxxxxxxxxxxxxxxxxxxxxxxxxx int);
