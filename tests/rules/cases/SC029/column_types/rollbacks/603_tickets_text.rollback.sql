-- expect: SC029 at 5, 6, 8
-- a string default ('open'::text, '0'::text) is not cast to an enum or to integer in an
-- assignment: the column's default must go first (a SET DEFAULT in the same ALTER TABLE
-- comes after the type change)
ALTER TABLE tickets ALTER COLUMN state TYPE ticket_state USING state::ticket_state;
ALTER TABLE counters ALTER COLUMN n TYPE integer USING n::integer;
ALTER TABLE counters ALTER COLUMN n SET DEFAULT 0;
ALTER TABLE queues ALTER COLUMN state TYPE ticket_state USING state::ticket_state,
    ALTER COLUMN state SET DEFAULT 'open';
