-- expect: none of SC027
ALTER TABLE members ALTER COLUMN note DROP DEFAULT;
