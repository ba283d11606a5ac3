-- expect: SC027 at file, file
-- the sequence is created again; the materialized view and the type are not
CREATE SEQUENCE ticket_seq;
