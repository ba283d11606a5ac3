-- expect: none of SC023
BEGIN;
ALTER TABLE messages ADD COLUMN IF NOT EXISTS content_nonce bytea;
INSERT INTO schema_migrations (version) VALUES (20);
COMMIT;
UPDATE messages SET content_nonce = gen_random_bytes(12) WHERE content_nonce IS NULL;
BEGIN;
CREATE TABLE IF NOT EXISTS t_new (a int);
INSERT INTO t_new SELECT 1;
COMMIT;
