-- expect: SC039 at 7, 11
-- a partition goes with its table, unless detached first; a sequence a column default still
-- takes its values from is not dropped (refused) until the table is gone
ALTER TABLE events DETACH PARTITION events_b;
DROP TABLE events;
DROP TABLE events_b;
DROP TABLE events_a;
DROP SEQUENCE ticket_numbers;
DROP TABLE tickets;
DROP SEQUENCE ticket_numbers;
DROP SEQUENCE ticket_numbers;
