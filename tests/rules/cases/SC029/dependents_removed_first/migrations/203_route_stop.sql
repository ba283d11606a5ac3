CREATE TABLE IF NOT EXISTS stop (id bigint PRIMARY KEY);
ALTER TABLE route ADD COLUMN stop_id bigint CONSTRAINT fk_route_stop REFERENCES stop (id);
CREATE TABLE IF NOT EXISTS depot (id bigint PRIMARY KEY);
CREATE TABLE IF NOT EXISTS bus (
    id bigint PRIMARY KEY,
    depot_id bigint CONSTRAINT "Bus depot" REFERENCES depot (id)
);
