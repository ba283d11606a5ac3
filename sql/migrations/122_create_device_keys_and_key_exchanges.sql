-- 122: device keys and the key exchange audit trail for end-to-end encryption.
--
-- device_keys: one X25519 key pair per user device. The public key is shared with peers; the
-- private key is stored only encrypted (wrapped by the KMS master key), base64 encoded.
-- key_exchanges: an audit row per ECDH exchange between two members of a conversation. Only an
-- HMAC-SHA256 of the shared secret is kept (32 bytes), never the secret itself.

BEGIN;

CREATE TABLE device_keys (
    id                    uuid         PRIMARY KEY DEFAULT uuid_generate_v4(),
    user_id               uuid         NOT NULL,
    device_id             varchar(255) NOT NULL,
    device_name           varchar(255),
    public_key            text         NOT NULL,
    private_key_encrypted text         NOT NULL,
    key_algorithm         varchar(20)  NOT NULL DEFAULT 'x25519',
    last_used_at          timestamptz,
    created_at            timestamptz  NOT NULL DEFAULT now(),
    updated_at            timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT device_keys_user_fk
        FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT device_keys_unique_device UNIQUE (user_id, device_id)
);

CREATE OR REPLACE FUNCTION update_device_keys_updated_at()
RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;

CREATE TRIGGER trigger_device_keys_updated_at
    BEFORE UPDATE ON device_keys
    FOR EACH ROW
    EXECUTE FUNCTION update_device_keys_updated_at();

CREATE TABLE key_exchanges (
    id                 uuid        PRIMARY KEY DEFAULT uuid_generate_v4(),
    conversation_id    uuid        NOT NULL,
    initiator_id       uuid        NOT NULL,
    peer_id            uuid        NOT NULL,
    shared_secret_hash bytea       NOT NULL,
    created_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT key_exchanges_conv_fk
        FOREIGN KEY (conversation_id) REFERENCES conversations (id) ON DELETE CASCADE,
    CONSTRAINT key_exchanges_initiator_fk
        FOREIGN KEY (initiator_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT key_exchanges_peer_fk
        FOREIGN KEY (peer_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT chk_key_exchanges_hash_length CHECK (length(shared_secret_hash) = 32),
    CONSTRAINT chk_key_exchanges_distinct_parties CHECK (initiator_id <> peer_id)
);

CREATE INDEX idx_key_exchanges_conversation_id ON key_exchanges (conversation_id);

-- Device registration and key exchange counts for the E2EE dashboard.
CREATE OR REPLACE FUNCTION get_device_key_stats()
RETURNS TABLE (total_devices bigint, users_with_devices bigint, key_exchanges_last_24h bigint)
LANGUAGE sql
STABLE
AS $$
    SELECT (SELECT count(*) FROM device_keys),
           (SELECT count(DISTINCT user_id) FROM device_keys),
           (SELECT count(*) FROM key_exchanges WHERE created_at > now() - interval '24 hours');
$$;

INSERT INTO schema_migrations (version) VALUES (122) ON CONFLICT (version) DO NOTHING;

COMMIT;
