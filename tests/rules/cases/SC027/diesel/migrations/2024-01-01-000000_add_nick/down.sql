-- expect: none of SC027, SC016, SC028
-- Diesel's layout: the folder gives the version, down.sql is the rollback of up.sql
ALTER TABLE users DROP COLUMN IF EXISTS nick;
