-- expect: SC027 at file, file
-- the primary key PostgreSQL named accounts_pkey is not added again, and the function
-- created again is tally(text), not the tally(integer) the migration drops
CREATE OR REPLACE FUNCTION tally(text) RETURNS int LANGUAGE sql AS 'SELECT 2';
