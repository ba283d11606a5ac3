-- expect: SC027 at file
-- a step file without a version: named add_b/up.sql, not up.sql like every step
CREATE TABLE IF NOT EXISTS b (id bigint PRIMARY KEY);
