-- 118: OAuth connections with encrypted tokens.
--
-- One row per (provider, provider account) linked to a user. Access and refresh tokens are
-- stored encrypted (AES-GCM, data key wrapped by the KMS master key) in the *_encrypted
-- columns; tokens_encrypted says which storage a row uses. access_token_hash and
-- refresh_token_hash are the legacy storage, kept until every user has re-authenticated.

BEGIN;

CREATE TABLE oauth_connections (
    id                      uuid         PRIMARY KEY DEFAULT uuid_generate_v4(),
    user_id                 uuid         NOT NULL,
    provider                varchar(50)  NOT NULL,
    provider_user_id        varchar(255) NOT NULL,
    email                   varchar(255),
    access_token_encrypted  bytea,
    refresh_token_encrypted bytea,
    tokens_encrypted        boolean      NOT NULL DEFAULT false,
    access_token_hash       varchar(255),
    refresh_token_hash      varchar(255),
    token_expires_at        timestamptz,
    last_refresh_at         timestamptz,
    created_at              timestamptz  NOT NULL DEFAULT now(),
    updated_at              timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT oauth_connections_user_fk
        FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT oauth_connections_provider_account_unique
        UNIQUE (provider, provider_user_id)
);

CREATE INDEX idx_oauth_connections_user_id ON oauth_connections (user_id);
CREATE INDEX idx_oauth_connections_provider ON oauth_connections (provider);
CREATE INDEX idx_oauth_connections_provider_user_id ON oauth_connections (provider_user_id);

-- The token refresh job scans for tokens about to expire.
CREATE INDEX idx_oauth_expiring_tokens ON oauth_connections (token_expires_at)
    WHERE token_expires_at IS NOT NULL;

-- ... and for connections it has not refreshed for a long time.
CREATE INDEX idx_oauth_last_refresh ON oauth_connections (last_refresh_at);

CREATE OR REPLACE FUNCTION update_oauth_connections_updated_at()
RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;

CREATE TRIGGER trigger_oauth_connections_updated_at
    BEFORE UPDATE ON oauth_connections
    FOR EACH ROW
    EXECUTE FUNCTION update_oauth_connections_updated_at();

-- Progress of the move to encrypted tokens: per provider, how many connections still hold
-- legacy (unencrypted) tokens.
CREATE OR REPLACE FUNCTION count_old_oauth_tokens()
RETURNS TABLE (provider varchar, legacy_tokens bigint, encrypted_tokens bigint)
LANGUAGE sql
STABLE
AS $$
    SELECT oc.provider,
           count(*) FILTER (WHERE NOT oc.tokens_encrypted),
           count(*) FILTER (WHERE oc.tokens_encrypted)
    FROM oauth_connections oc
    GROUP BY oc.provider
    ORDER BY oc.provider;
$$;

INSERT INTO schema_migrations (version) VALUES (118) ON CONFLICT (version) DO NOTHING;

COMMIT;
