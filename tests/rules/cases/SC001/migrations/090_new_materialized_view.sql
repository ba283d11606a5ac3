-- expect: none of SC001, SC013
-- the materialized view is new to this file: nobody else can be blocked on it
CREATE MATERIALIZED VIEW IF NOT EXISTS busy_rooms AS SELECT 1 AS room WITH NO DATA;
CREATE UNIQUE INDEX IF NOT EXISTS busy_rooms_room ON busy_rooms (room);
