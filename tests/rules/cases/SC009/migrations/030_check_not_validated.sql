-- expect: SC009 at 3
ALTER TABLE messages ADD CONSTRAINT chk_cn_nn CHECK (content_nonce IS NOT NULL) NOT VALID;
ALTER TABLE messages ALTER COLUMN content_nonce SET NOT NULL;
