-- expect: SC016 at 2
ALTER TABLE messages DROP COLUMN IF EXISTS content_nonce;
