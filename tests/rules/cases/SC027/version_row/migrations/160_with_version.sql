BEGIN;
CREATE TABLE IF NOT EXISTS audit_events (id bigint PRIMARY KEY);
INSERT INTO schema_migrations (version) VALUES (160) ON CONFLICT (version) DO NOTHING;
COMMIT;
