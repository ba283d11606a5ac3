-- expect: none of SC027, SC028
DROP TABLE doc;
DROP TYPE status;
DROP SCHEMA archive;
