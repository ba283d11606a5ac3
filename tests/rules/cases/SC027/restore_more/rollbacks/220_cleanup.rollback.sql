-- expect: SC027 at file, file, file, file
-- the table, the constraint and the two functions the migration drops are not created
-- again: after 'down' the schema is not the one before the migration
SELECT 1;
