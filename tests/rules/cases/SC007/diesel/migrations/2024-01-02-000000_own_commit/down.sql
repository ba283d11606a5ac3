-- expect: none of SC007
ALTER TABLE messages DROP COLUMN IF EXISTS y;
