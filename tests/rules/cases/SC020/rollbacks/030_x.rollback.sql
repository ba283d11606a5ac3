-- expect: none of SC020
ALTER TABLE messages DROP CONSTRAINT IF EXISTS chk_ev;
