CREATE TYPE hue AS ENUM ('red', 'blue');
CREATE TYPE size AS ENUM ('s', 'm');
CREATE TABLE IF NOT EXISTS paints (
    id bigint PRIMARY KEY,
    hue_name text DEFAULT 'red'::hue::text,
    hue hue DEFAULT 'blue',
    size size
);
ALTER TABLE paints ALTER COLUMN size SET DEFAULT 'm';
