-- expect: SC027 at file
-- rollbacks without a version are paired by name (sqitch's revert/x.sql with deploy/x.sql):
-- this change has none, so 'down' keeps its function
CREATE OR REPLACE FUNCTION touch() RETURNS int LANGUAGE sql AS 'SELECT 1';
