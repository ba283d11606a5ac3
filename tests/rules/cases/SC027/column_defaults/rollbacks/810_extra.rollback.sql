-- expect: none of SC027
ALTER TABLE members DROP COLUMN extra;
