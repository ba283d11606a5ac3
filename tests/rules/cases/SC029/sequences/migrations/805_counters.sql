CREATE SEQUENCE counter_no;
CREATE SEQUENCE cascade_no;
CREATE TABLE counters (id bigint, other bigint DEFAULT nextval('cascade_no'));
ALTER TABLE counters ALTER COLUMN id SET DEFAULT nextval('public.counter_no');
CREATE FUNCTION counter_now() RETURNS bigint LANGUAGE plpgsql
    AS $$ BEGIN PERFORM setval('counter_no', 1); RETURN currval('counter_no'); END $$;
