-- expect: none of SC027, SC028
-- renamed back to the names the migration made them under, then dropped
ALTER TABLE staging RENAME TO staging_tmp;
DROP TABLE staging_tmp;
ALTER TYPE kind RENAME TO kind_new;
DROP TYPE kind_new;
