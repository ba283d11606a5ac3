CREATE TABLE IF NOT EXISTS notes (id bigint PRIMARY KEY, touched_at timestamptz);
