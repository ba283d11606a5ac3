-- expect: SC027 at file, file
-- 232 replaced what 230 made: the rollback gives back neither definition (dropping them,
-- SC028's concern, would not either); order_count(numeric) is 232's own
DROP FUNCTION IF EXISTS order_count(numeric);
