CREATE OR REPLACE FUNCTION search(q int DEFAULT 0, OUT total bigint) LANGUAGE sql AS 'SELECT 1::bigint';
CREATE OR REPLACE FUNCTION search(q varchar(20)) RETURNS bigint LANGUAGE sql AS 'SELECT 2::bigint';
CREATE OR REPLACE FUNCTION search(VARIADIC ids int[]) RETURNS bigint LANGUAGE sql AS 'SELECT 3::bigint';
CREATE PROCEDURE refresh_scores(IN since int, OUT refreshed int) LANGUAGE sql AS 'SELECT 1';
-- a helper for this migration only, dropped again before it ends
CREATE FUNCTION backfill_emails(batch integer) RETURNS void LANGUAGE sql AS 'SELECT';
SELECT backfill_emails(1000);
DROP FUNCTION backfill_emails(int4);
