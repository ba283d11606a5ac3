-- expect: none of SC020
ALTER TABLE messages ADD CONSTRAINT chk_tmp CHECK (id > 0) NOT VALID;
ALTER TABLE messages DROP CONSTRAINT IF EXISTS chk_tmp;
