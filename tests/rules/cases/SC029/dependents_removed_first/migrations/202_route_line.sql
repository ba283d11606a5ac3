CREATE TABLE IF NOT EXISTS line (id bigint PRIMARY KEY);
ALTER TABLE route ADD COLUMN line_id bigint REFERENCES line (id);
