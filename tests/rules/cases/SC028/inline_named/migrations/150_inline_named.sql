CREATE TABLE IF NOT EXISTS stop (id bigint PRIMARY KEY);
ALTER TABLE route ADD COLUMN stop_id bigint CONSTRAINT fk_route_stop REFERENCES stop (id)
    CONSTRAINT "Stop positive" CHECK (stop_id > 0);
