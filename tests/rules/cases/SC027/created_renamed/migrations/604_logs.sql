CREATE TABLE logs_tmp (id bigint PRIMARY KEY, line text);
ALTER TABLE logs_tmp RENAME TO logs_b;
ALTER TABLE logs_b RENAME TO logs;
CREATE TYPE level_new AS ENUM ('info', 'error');
ALTER TYPE level_new RENAME TO level;
CREATE FUNCTION log_count_tmp() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM logs';
ALTER FUNCTION log_count_tmp() RENAME TO log_count;
CREATE SEQUENCE logs_seq_tmp;
ALTER SEQUENCE logs_seq_tmp RENAME TO logs_seq;
