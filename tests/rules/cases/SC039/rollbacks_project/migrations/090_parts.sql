CREATE TABLE events (id integer, kind integer) PARTITION BY LIST (kind);
CREATE TABLE events_a PARTITION OF events FOR VALUES IN (1);
CREATE TABLE events_b PARTITION OF events FOR VALUES IN (2);
CREATE SEQUENCE ticket_numbers;
CREATE TABLE tickets (id integer DEFAULT nextval('ticket_numbers'));
