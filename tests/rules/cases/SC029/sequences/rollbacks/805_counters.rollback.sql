-- expect: SC029 at 5
-- the function's PL/pgSQL body holds nothing, the default set by ALTER TABLE does; the
-- sequence dropped with CASCADE takes the other default along
DROP SEQUENCE cascade_no CASCADE;
DROP SEQUENCE counter_no;
DROP FUNCTION counter_now();
DROP TABLE counters;
