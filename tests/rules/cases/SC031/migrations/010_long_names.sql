-- expect: SC031 at 2, 4
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_oauth_connections_provider_user_id_and_token_expiry_and_last_refresh
    ON oauth_connections (provider_user_id, token_expires_at);
CREATE TABLE IF NOT EXISTS t (id bigint PRIMARY KEY, a_column_name_that_goes_on_and_on_and_on_well_past_sixty_three_b int);
