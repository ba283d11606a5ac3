-- expect: SC023 at 4
BEGIN;
ALTER TABLE messages ADD COLUMN IF NOT EXISTS content_nonce bytea;
UPDATE messages SET content_nonce = gen_random_bytes(12) WHERE content_nonce IS NULL;
COMMIT;
