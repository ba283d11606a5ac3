-- 119: validate message encryption versions.
--
-- encryption_version (added in 104) may now be 1 (server-side encryption) or 2 (end-to-end,
-- ChaCha20-Poly1305 with content_nonce from 113). The index serves the E2EE adoption metrics.

BEGIN;

ALTER TABLE messages
    ADD CONSTRAINT chk_messages_encryption_version_valid
    CHECK (encryption_version IN (1, 2));

CREATE INDEX idx_messages_encryption_version ON messages (encryption_version);

-- Messages per encryption version, for the E2EE adoption dashboard.
CREATE OR REPLACE FUNCTION get_message_encryption_stats()
RETURNS TABLE (encryption_version smallint, message_count bigint, percentage numeric)
LANGUAGE sql
STABLE
AS $$
    SELECT m.encryption_version,
           count(*),
           round(100.0 * count(*) / sum(count(*)) OVER (), 2)
    FROM messages m
    GROUP BY m.encryption_version
    ORDER BY m.encryption_version;
$$;

INSERT INTO schema_migrations (version) VALUES (119) ON CONFLICT (version) DO NOTHING;

COMMIT;
