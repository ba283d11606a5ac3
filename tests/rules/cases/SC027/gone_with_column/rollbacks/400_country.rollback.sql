-- expect: none of SC027
-- PostgreSQL drops every index and constraint using the column with it
ALTER TABLE users DROP COLUMN country;
