-- expect: SC029 at 4, 5
-- a string default ('open'::text, '0'::text) is not cast to an enum or to integer in an
-- assignment: the column's default must go first
ALTER TABLE tickets ALTER COLUMN state TYPE ticket_state USING state::ticket_state;
ALTER TABLE counters ALTER COLUMN n TYPE integer USING n::integer;
ALTER TABLE counters ALTER COLUMN n SET DEFAULT 0;
