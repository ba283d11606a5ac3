-- 113: the nonce that goes with each encrypted message body.

BEGIN;

ALTER TABLE messages ADD COLUMN content_nonce bytea;

INSERT INTO schema_migrations (version) VALUES (113) ON CONFLICT (version) DO NOTHING;

COMMIT;
