-- expect: SC027 at file, file
-- the type and the sequence dropped; the table and the function the migration left under
-- their new names (logs, log_count) are not
DROP SEQUENCE logs_seq;
DROP TYPE level;
