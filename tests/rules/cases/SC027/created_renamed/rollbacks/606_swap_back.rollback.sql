-- expect: none of SC027, SC028
-- the rollback renames the table back to the name it was made under, then drops it
ALTER TABLE staging RENAME TO staging_tmp;
DROP TABLE staging_tmp;
