-- expect: none of SC027, SC028
-- the table made as audit_tmp is audit after the migration; its index goes with it
DROP TABLE audit;
