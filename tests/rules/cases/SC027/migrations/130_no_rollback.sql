-- expect: SC027 at file
CREATE TABLE IF NOT EXISTS audit_events (id bigint PRIMARY KEY);
