-- 115: when a user was last seen online (presence indicator).

BEGIN;

ALTER TABLE users ADD COLUMN last_seen_at timestamptz;

INSERT INTO schema_migrations (version) VALUES (115) ON CONFLICT (version) DO NOTHING;

COMMIT;
