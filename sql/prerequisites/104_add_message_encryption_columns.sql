-- 104: columns for encrypted message bodies.
--
-- encryption_version 1 is the server-side scheme every existing message uses; a later
-- version marks end-to-end encrypted messages. content_encrypted holds the ciphertext.

BEGIN;

ALTER TABLE messages
    ADD COLUMN encryption_version smallint NOT NULL DEFAULT 1,
    ADD COLUMN content_encrypted  bytea;

INSERT INTO schema_migrations (version) VALUES (104) ON CONFLICT (version) DO NOTHING;

COMMIT;
