CREATE TABLE IF NOT EXISTS zone (id bigint PRIMARY KEY);
ALTER TABLE route ADD COLUMN zone_id bigint REFERENCES zone (id), ADD COLUMN note text;
CREATE TYPE level AS ENUM ('low', 'high');
ALTER TABLE existing ADD COLUMN lvl level, ADD COLUMN other_note text;
